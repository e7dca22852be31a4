package io.dbfilter.internal.keyset;

import jakarta.persistence.metamodel.ManagedType;
import jakarta.persistence.metamodel.Metamodel;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.expressions.Expression;
import org.eclipse.persistence.expressions.ExpressionBuilder;
import org.eclipse.persistence.expressions.ExpressionOperator;
import org.eclipse.persistence.internal.expressions.FunctionExpression;
import org.eclipse.persistence.internal.expressions.QueryKeyExpression;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.mappings.DatabaseMapping;
import org.eclipse.persistence.queries.ReadAllQuery;

/**
 * The order a keyset walks: the query's ORDER BY, read from EclipseLink's query (so JPQL and
 * criteria alike), with the entity's id appended as the last key unless the order is unique
 * already, and every key checked once, before any row is read: an attribute path of the entity or
 * of its to-one relationships, never null, of a type a cursor can hold.
 */
final class SortOrder {
    private final List<SortKey> keys;
    private final List<String> ids;
    private final String fingerprint;

    private SortOrder(List<SortKey> keys, List<String> ids, String fingerprint) {
        this.keys = List.copyOf(keys);
        this.ids = ids;
        this.fingerprint = fingerprint;
    }

    List<SortKey> keys() {
        return keys;
    }

    /** The names of the entity's id attributes. */
    List<String> ids() {
        return ids;
    }

    /** What identifies the query for its cursors: its entity, its JPQL or criteria, and the order. */
    String fingerprint() {
        return fingerprint;
    }

    static SortOrder of(ReadAllQuery query, AbstractSession session, Metamodel metamodel) {
        String jpql = query.getJPQLString();
        String shown = jpql != null ? jpql : "a criteria query of " + query.getReferenceClass().getSimpleName();
        if (query.getOrderByExpressions().isEmpty()) {
            throw new IllegalArgumentException("dbfilter: scroll needs a query with an ORDER BY, since a keyset walks"
                    + " the rows in a known order; add one (order by u.id for insertion order). Query: " + shown);
        }
        var resolver = new Paths(query.getReferenceClass(), session, metamodel);
        var keys = new ArrayList<SortKey>();
        for (Expression item : query.getOrderByExpressions()) {
            keys.add(key(item, query.getExpressionBuilder(), resolver, shown));
        }
        if (!unique(keys, resolver)) {
            keys.add(resolver.id(query.getExpressionBuilder(), shown));
        }
        var fingerprint = new StringBuilder(query.getReferenceClass().getName()).append('\n')
                .append(jpql != null ? jpql : String.valueOf(query.getSelectionCriteria()));
        for (SortKey key : keys) {
            fingerprint.append('\n').append(key.path()).append(key.descending() ? " desc" : " asc");
        }
        return new SortOrder(keys, resolver.idNames(), fingerprint.toString());
    }

    private static SortKey key(Expression item, ExpressionBuilder root, Paths resolver, String shown) {
        boolean descending = false;
        Expression attribute = item;
        if (item instanceof FunctionExpression function
                && (function.getOperator().getSelector() == ExpressionOperator.Ascending
                        || function.getOperator().getSelector() == ExpressionOperator.Descending)) {
            descending = function.getOperator().getSelector() == ExpressionOperator.Descending;
            attribute = function.getChildren().get(0);
        }
        var names = new LinkedList<String>();
        Expression step = attribute;
        while (step instanceof QueryKeyExpression queryKey) {
            names.addFirst(queryKey.getName());
            step = queryKey.getBaseExpression();
        }
        if (names.isEmpty() || step != root) {
            throw new IllegalArgumentException("dbfilter: scroll can only sort on attributes of the query's entity or of"
                    + " its to-one relationships (order by u.name, u.team.name), not on " + item
                    + " (a function, a NULLS FIRST/LAST, or an attribute of another FROM entity). Sort on a plain"
                    + " attribute path; store a computed sort value in a column of its own. Query: " + shown);
        }
        return resolver.key(names, attribute, descending, shown);
    }

    /** A non-null unique attribute of the entity itself, or all of its id attributes, make each row's keys unique. */
    private static boolean unique(List<SortKey> keys, Paths resolver) {
        var ids = new ArrayList<>(resolver.idNames());
        for (SortKey key : keys) {
            if (key.mappings().size() != 1) {
                continue;
            }
            DatabaseMapping mapping = key.mappings().get(0);
            ids.remove(mapping.getAttributeName());
            if (mapping.isDirectToFieldMapping() && mapping.getField().isUnique()) {
                return true;
            }
        }
        return ids.isEmpty();
    }

    /** Resolves attribute paths of the query's entity to mappings and Java types. */
    static final class Paths {
        private final Class<?> root;
        private final AbstractSession session;
        private final Metamodel metamodel;

        Paths(Class<?> root, AbstractSession session, Metamodel metamodel) {
            this.root = root;
            this.session = session;
            this.metamodel = metamodel;
        }

        List<String> idNames() {
            return session.getDescriptor(root).getObjectBuilder().getPrimaryKeyMappings().stream()
                    .map(DatabaseMapping::getAttributeName).toList();
        }

        SortKey id(ExpressionBuilder builder, String shown) {
            List<String> ids = idNames();
            if (ids.size() != 1) {
                throw new IllegalArgumentException("dbfilter: scroll needs an order that tells every row apart, and "
                        + root.getSimpleName() + " has a composite id " + ids + ", so it cannot append the id itself. Add"
                        + " each id attribute (or a unique, non-null one) to the ORDER BY. Query: " + shown);
            }
            return key(List.of(ids.get(0)), builder.get(ids.get(0)), false, shown);
        }

        SortKey key(List<String> names, Expression expression, boolean descending, String shown) {
            String path = String.join(".", names);
            ClassDescriptor descriptor = session.getDescriptor(root);
            ManagedType<?> type = metamodel.managedType(root);
            var mappings = new ArrayList<DatabaseMapping>();
            Class<?> javaType = null;
            for (String name : names) {
                DatabaseMapping mapping = descriptor == null ? null : descriptor.getObjectBuilder().getMappingForAttributeName(name);
                if (mapping == null || mapping.isCollectionMapping()) {
                    throw new IllegalArgumentException("dbfilter: scroll cannot sort on " + path + ": " + name
                            + (mapping == null ? " is not a mapped attribute here" : " is a collection, so a row has"
                            + " no single value of it") + ". Sort on attributes of the entity or of its to-one"
                            + " relationships. Query: " + shown);
                }
                mappings.add(mapping);
                javaType = type.getAttribute(name).getJavaType();
                descriptor = mapping.getReferenceDescriptor();
                type = descriptor == null ? null : metamodel.managedType(javaType);
            }
            Nulls.refuse(path, mappings, expression, javaType, shown);
            if (!Values.supports(javaType)) {
                throw new IllegalArgumentException("dbfilter: scroll cannot sort on " + path + " of type "
                        + javaType.getName() + ": a cursor holds only " + Values.supported() + ". Query: " + shown);
            }
            return new SortKey(path, descending, javaType, expression, List.copyOf(mappings));
        }
    }
}

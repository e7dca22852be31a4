package io.dbfilter.internal.keyset;

import io.dbfilter.internal.eclipselink.QueryCopy;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedList;
import java.util.List;
import org.eclipse.persistence.expressions.Expression;
import org.eclipse.persistence.internal.expressions.QueryKeyExpression;
import org.eclipse.persistence.internal.queries.ExpressionQueryMechanism;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.internal.sessions.UnitOfWorkImpl;
import org.eclipse.persistence.jpa.JpaQuery;
import org.eclipse.persistence.queries.DatabaseQuery;
import org.eclipse.persistence.queries.ReadAllQuery;
import org.eclipse.persistence.queries.ReportQuery;

/**
 * A JPQL or criteria query of entities, read a window at a time by its keys: the rows after (or
 * before) a position, found with a seek predicate on the sort keys rather than an offset, so that a
 * deep window costs what the first one costs and rows inserted or deleted elsewhere move no other
 * row. The caller's query object is never changed: each window runs a changed clone.
 *
 * <p>For keys {@code a, b, id} the rows after {@code (a0, b0, id0)} are
 * {@code a >= a0 AND (a > a0 OR (a = a0 AND (b > b0 OR (b = b0 AND id > id0))))}, with {@code <}
 * for a descending key; the leading {@code a >= a0} lets the database seek an index on {@code a}.
 * A window before a position reads the order backwards and turns the rows around.
 */
public final class KeysetQuery<T> {
    private final TypedQuery<T> query;
    private final ReadAllQuery base;
    private final SortOrder order;
    private final AbstractSession session;
    /** Whether the last window's entities were all built from its own rows, so that they hold the stored values. */
    private boolean builtFromRows;

    private KeysetQuery(TypedQuery<T> query, ReadAllQuery base, SortOrder order, AbstractSession session) {
        this.query = query;
        this.base = base;
        this.order = order;
        this.session = session;
    }

    /**
     * Reads the query's order and checks that it can be walked by keys.
     *
     * @throws IllegalArgumentException naming the cause and the fix: native SQL, a query that does
     *         not select entities, no ORDER BY, a sort item that is no attribute path, a nullable
     *         attribute or one of an unsupported type, a fetch join of a collection
     */
    public static <T> KeysetQuery<T> of(TypedQuery<T> query) {
        JpaQuery<?> jpa = query.unwrap(JpaQuery.class);
        DatabaseQuery original = jpa.getDatabaseQuery();
        if (!(original instanceof ReadAllQuery) || original instanceof ReportQuery || original.isUserDefinedSQLCall()) {
            throw new IllegalArgumentException("dbfilter: scroll needs a JPQL or criteria query that selects entities"
                    + " (select u from User u order by u.name), not " + original + ". Native SQL cannot be walked by"
                    + " keys; a query of columns has no entity to read its keys from: select the entity.");
        }
        var session = (AbstractSession) jpa.getEntityManager().getActiveSession();
        var base = (ReadAllQuery) original.clone();
        if (base.getQueryMechanism() instanceof ExpressionQueryMechanism expressions) {
            // Parses a named query's JPQL into the clone, so that its criteria and order are there.
            expressions.buildSelectionCriteria(session);
        }
        SortOrder order = SortOrder.of(base, session, jpa.getEntityManager().getMetamodel());
        refuseCollectionFetch(base, session);
        return new KeysetQuery<>(query, base, order, session);
    }

    /**
     * EclipseLink cuts a collection fetch join by SQL rows, one per element, so the size + 1 rows of
     * a window would hold fewer entities than asked.
     */
    private static void refuseCollectionFetch(ReadAllQuery base, AbstractSession session) {
        if (!base.hasJoining()) {
            return;
        }
        for (Expression joined : base.getJoinedAttributeManager().getJoinedAttributeExpressions()) {
            var names = new LinkedList<String>();
            for (Expression step = joined; step instanceof QueryKeyExpression key; step = key.getBaseExpression()) {
                names.addFirst(key.getName());
            }
            var descriptor = session.getDescriptor(base.getReferenceClass());
            for (String name : names) {
                var mapping = descriptor == null ? null : descriptor.getObjectBuilder().getMappingForAttributeName(name);
                if (mapping != null && mapping.isCollectionMapping()) {
                    throw new IllegalArgumentException("dbfilter: scroll cannot read a window of a query that"
                            + " fetch-joins the collection " + String.join(".", names) + ": EclipseLink would cut the"
                            + " window by joined rows, not by entities. Remove the JOIN FETCH and load the collection"
                            + " for the window's entities with the hints eclipselink.batch=<alias>.<collection> and"
                            + " eclipselink.batch.type=IN (see docs/queries.md).");
                }
                descriptor = mapping == null ? null : mapping.getReferenceDescriptor();
            }
        }
    }

    /**
     * Up to {@code limit} rows from {@code position} on (the first rows for null), in the query's
     * order whichever way the window reads.
     */
    public List<T> rows(Position position, int limit) {
        boolean backward = position != null && position.backward();
        var window = (ReadAllQuery) base.clone();
        var orderBy = new ArrayList<Expression>();
        for (SortKey key : order.keys()) {
            orderBy.add(key.order(backward));
        }
        window.setOrderByExpressions(orderBy);
        if (position != null) {
            Expression criteria = base.getSelectionCriteria();
            Expression seek = seek(position);
            window.setSelectionCriteria(criteria == null ? seek : criteria.and(seek));
        }
        window.setIsPrepared(false);
        builtFromRows = nothingManaged();
        var rows = new ArrayList<>(QueryCopy.of(query, window).setFirstResult(0).setMaxResults(limit).getResultList());
        if (backward) {
            Collections.reverse(rows);
        }
        return rows;
    }

    /**
     * Whether the session holds no entity yet and no sort key's entity is in a shared cache: then
     * every entity the window returns is built from its row, and holds what the database stored.
     */
    private boolean nothingManaged() {
        var unitOfWork = (UnitOfWorkImpl) query.unwrap(JpaQuery.class).getEntityManager().getUnitOfWork();
        if (unitOfWork.hasCloneMapping() && !unitOfWork.getCloneMapping().isEmpty()) {
            return false;
        }
        return order.keys().stream().flatMap(key -> key.mappings().stream())
                .allMatch(mapping -> mapping.getDescriptor().isIsolated());
    }

    private Expression seek(Position position) {
        List<SortKey> keys = order.keys();
        List<Object> values = position.values();
        int last = keys.size() - 1;
        Expression seek = position.inclusive() ? keys.get(last).atOrBeyond(values.get(last), position.backward())
                : keys.get(last).beyond(values.get(last), position.backward());
        for (int i = last - 1; i >= 0; i--) {
            SortKey key = keys.get(i);
            seek = key.beyond(values.get(i), position.backward())
                    .or(key.expression().equal(values.get(i)).and(seek));
        }
        return keys.size() == 1 ? seek : keys.get(0).atOrBeyond(values.get(0), position.backward()).and(seek);
    }

    /**
     * The sort values of each row, results of this query, from which positions are made: as the
     * database stores them (see {@link StoredValues}), which may take one more statement.
     */
    public List<List<Object>> values(List<T> rows) {
        return StoredValues.of(rows, order, query.unwrap(JpaQuery.class).getEntityManager(), session,
                base.getReferenceClass(), !builtFromRows);
    }

    /** The position as an opaque cursor that only this query reads back. */
    public String cursor(Position position) {
        return Cursors.write(position, order);
    }

    /**
     * The position a cursor of this query holds.
     *
     * @throws BadCursor when the cursor was written by another query, altered or cut short
     */
    public Position read(String cursor) {
        return Cursors.read(cursor, order);
    }
}

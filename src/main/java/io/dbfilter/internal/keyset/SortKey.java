package io.dbfilter.internal.keyset;

import java.util.List;
import org.eclipse.persistence.expressions.Expression;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.mappings.DatabaseMapping;

/**
 * One attribute of the order: its path from the query's entity ({@code u.author.username} is
 * {@code author.username}), its direction, its Java type, the expression the query sorts on, and
 * the mappings that read its value from a result.
 */
record SortKey(String path, boolean descending, Class<?> type, Expression expression, List<DatabaseMapping> mappings) {
    /** The value of this attribute in {@code row}, an entity of the query's type. */
    Object value(Object row, AbstractSession session) {
        Object value = row;
        for (DatabaseMapping mapping : mappings) {
            if (value == null) {
                break;
            }
            value = mapping.getRealAttributeValueFromObject(value, session);
        }
        if (value == null) {
            // A refused nullable attribute cannot get here; a null through a left join (or a row
            // the application changed in memory) can, and no position can be written for it.
            throw new IllegalStateException("dbfilter: scroll met a null " + path + " in a result; a keyset cannot"
                    + " seek past a null. Sort on attributes that are never null (@Column(nullable = false)),"
                    + " or filter the nulls out in the query's WHERE.");
        }
        return value;
    }

    /** The order item for a window read in this key's direction ({@code backward} false) or against it. */
    Expression order(boolean backward) {
        return descending != backward ? expression.descending() : expression.ascending();
    }

    /** Rows strictly beyond {@code value} in the direction the window reads. */
    Expression beyond(Object value, boolean backward) {
        return descending != backward ? expression.lessThan(value) : expression.greaterThan(value);
    }

    /** Rows at or beyond {@code value} in the direction the window reads. */
    Expression atOrBeyond(Object value, boolean backward) {
        return descending != backward ? expression.lessThanEqual(value) : expression.greaterThanEqual(value);
    }
}

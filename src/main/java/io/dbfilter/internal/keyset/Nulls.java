package io.dbfilter.internal.keyset;

import java.util.List;
import org.eclipse.persistence.expressions.Expression;
import org.eclipse.persistence.internal.expressions.QueryKeyExpression;
import org.eclipse.persistence.mappings.DatabaseMapping;

/**
 * Refuses a sort attribute that can be null, from the mapping alone, before any row is read. A
 * keyset cannot seek past a null with {@code >} and {@code <}, and Derby and PostgreSQL sort nulls
 * last while MariaDB sorts them first, so a null would be skipped on one database and repeated on
 * another; refusing is the only answer that is right on all three.
 */
final class Nulls {
    private Nulls() {
    }

    static void refuse(String path, List<DatabaseMapping> mappings, Expression expression, Class<?> type, String shown) {
        DatabaseMapping last = mappings.get(mappings.size() - 1);
        boolean nullable = !type.isPrimitive() && !last.isPrimaryKeyMapping() && last.isOptional()
                && (!last.isDirectToFieldMapping() || last.getField().isNullable());
        if (!nullable && !outerJoined(expression)) {
            return;
        }
        throw new IllegalArgumentException("dbfilter: scroll cannot sort on " + path + ", which can be null: a keyset"
                + " cannot seek past a null, and the databases disagree on where nulls sort. Mark the attribute"
                + " @Column(nullable = false) (or @Basic(optional = false)) if it is never null, or sort on one that"
                + (mappings.size() > 1 ? " is, through an inner join rather than a LEFT JOIN" : " is") + ". Query: "
                + shown);
    }

    /** Whether a relationship on the path is a LEFT JOIN whose missing row makes the value null. */
    private static boolean outerJoined(Expression expression) {
        Expression step = expression instanceof QueryKeyExpression key ? key.getBaseExpression() : null;
        while (step instanceof QueryKeyExpression key) {
            if (key.shouldUseOuterJoin()) {
                return true;
            }
            step = key.getBaseExpression();
        }
        return false;
    }
}

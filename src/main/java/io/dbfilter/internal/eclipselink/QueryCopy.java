package io.dbfilter.internal.eclipselink;

import jakarta.persistence.LockModeType;
import jakarta.persistence.Parameter;
import jakarta.persistence.TypedQuery;
import org.eclipse.persistence.jpa.JpaQuery;
import org.eclipse.persistence.queries.DatabaseQuery;

/**
 * A query object for a changed clone of a query's EclipseLink query (a page, a keyset window), so
 * that the caller's query keeps its own first and max results: EclipseLink would keep the max rows
 * of a page on it even after {@code setMaxResults(Integer.MAX_VALUE)}. The copy shares the query's
 * hints and flush mode (they live in the cloned EclipseLink query), and gets its parameters and
 * lock mode.
 */
public final class QueryCopy {
    private QueryCopy() {
    }

    /** A plain clone of {@code query}'s EclipseLink query, as a query object. */
    public static <T> TypedQuery<T> of(TypedQuery<T> query) {
        return of(query, (DatabaseQuery) query.unwrap(JpaQuery.class).getDatabaseQuery().clone());
    }

    /** {@code clone}, a changed clone of {@code query}'s EclipseLink query, with {@code query}'s parameters and lock mode. */
    public static <T> TypedQuery<T> of(TypedQuery<T> query, DatabaseQuery clone) {
        @SuppressWarnings("unchecked")
        TypedQuery<T> copy = (TypedQuery<T>) query.unwrap(JpaQuery.class).getEntityManager().createQuery(clone);
        for (Parameter<?> parameter : query.getParameters()) {
            if (query.isBound(parameter)) {
                Object value = query.getParameterValue(parameter);
                if (parameter.getName() != null) {
                    copy.setParameter(parameter.getName(), value);
                } else {
                    copy.setParameter(parameter.getPosition(), value);
                }
            }
        }
        LockModeType lock = query.getLockMode();
        if (lock != null) {
            copy.setLockMode(lock);
        }
        return copy;
    }
}

package io.dbfilter.internal.eclipselink;

import jakarta.persistence.LockModeType;
import jakarta.persistence.Parameter;
import jakarta.persistence.TypedQuery;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.persistence.internal.jpa.QueryImpl;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.jpa.JpaQuery;
import org.eclipse.persistence.queries.DatabaseQuery;
import org.eclipse.persistence.queries.ReadQuery;
import org.eclipse.persistence.sessions.DatabaseRecord;
import org.eclipse.persistence.sessions.Session;

/**
 * A query object for a changed clone of a query's EclipseLink query (a page, a keyset window), so
 * that the caller's query keeps its own first and max results: EclipseLink would keep the max rows
 * of a page on it even after {@code setMaxResults(Integer.MAX_VALUE)}. The copy shares the query's
 * hints and flush mode (they live in the cloned EclipseLink query), and gets its parameters and
 * lock mode.
 */
public final class QueryCopy {
    /**
     * Bounds the page queries kept for JPQL that EclipseLink's parse cache (100 entries) has since
     * dropped; past it the map starts again, which costs one preparation per query.
     */
    private static final int MOST_PAGE_QUERIES = 500;
    /** The server session's property that holds, by the parse cache's query, its copy prepared for pages. */
    private static final String PAGE_QUERIES = "dbfilter.pageQueries";

    private QueryCopy() {
    }

    /**
     * Makes {@code session} keep the page queries of {@link #forPage}; called once at start-up, so
     * that request threads only read the session's properties.
     */
    public static void keepPageQueries(Session session) {
        session.setProperty(PAGE_QUERIES, new ConcurrentHashMap<DatabaseQuery, DatabaseQuery>());
    }

    /**
     * A copy of {@code query} for one page. EclipseLink prepares the query of a JPQL string once
     * and keeps it, but without a row limit, and a copy that gets one must generate its SQL again
     * on every request. Where the platform binds the limit and offset as parameters (PostgreSQL,
     * MariaDB, Derby), a copy of a query prepared once with a limit keeps its SQL for every page. Only a
     * query as EclipseLink's parse cache holds it is kept: one with its own hints, lock mode or
     * flush mode is already a copy of its own, and is copied as {@link #of(TypedQuery)} does.
     */
    public static <T> TypedQuery<T> forPage(TypedQuery<T> query) {
        QueryImpl jpa = query.unwrap(QueryImpl.class);
        DatabaseQuery shared = jpa.getDatabaseQueryInternal();
        var session = (AbstractSession) jpa.getEntityManager().getActiveSession();
        @SuppressWarnings("unchecked")
        var kept = (Map<DatabaseQuery, DatabaseQuery>) jpa.getEntityManager().getServerSession().getProperty(PAGE_QUERIES);
        String jpql = shared.getJPQLString();
        if (kept == null || !(shared instanceof ReadQuery) || jpql == null
                || session.getProject().getJPQLParseCache().get(jpql) != shared) {
            return of(query);
        }
        DatabaseQuery page = kept.get(shared);
        if (page == null) {
            page = prepareForPages((ReadQuery) shared, session);
            if (kept.size() >= MOST_PAGE_QUERIES) {
                kept.clear();
            }
            kept.put(shared, page);
        }
        return of(query, (DatabaseQuery) page.clone());
    }

    private static DatabaseQuery prepareForPages(ReadQuery shared, AbstractSession session) {
        var page = (ReadQuery) shared.clone();
        // Any limit above 0 makes the platform print LIMIT ? OFFSET ?; a page's own limit is then a value.
        page.setMaxRows(1);
        page.setIsPrepared(false);
        page.checkPrepare(session, new DatabaseRecord());
        return page;
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

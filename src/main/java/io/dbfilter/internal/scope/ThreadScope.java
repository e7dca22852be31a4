package io.dbfilter.internal.scope;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that binds a scope to a thread. A thread has at most one current scope; a scope of
 * another Database opened inside it becomes current and restores it when it ends.
 */
public final class ThreadScope {
    private static final Logger LOG = LoggerFactory.getLogger("io.dbfilter.DbFilter");
    private static final ThreadLocal<ScopeState> CURRENT = new ThreadLocal<>();

    private ThreadScope() {
    }

    /**
     * The scope bound to the current thread.
     *
     * @return the scope, or null when none is bound
     */
    public static ScopeState current() {
        return CURRENT.get();
    }

    /**
     * Runs {@code work} with no scope bound, then binds the caller's scope again: for DDL, which
     * belongs to no request and must not be recorded as one of its statements.
     *
     * @param work what to run outside the scope
     */
    public static void outside(Runnable work) {
        ScopeState current = CURRENT.get();
        if (current == null) {
            work.run();
            return;
        }
        CURRENT.set(null);
        try {
            work.run();
        } finally {
            CURRENT.set(current);
        }
    }

    /**
     * Ends every scope still bound to this thread, with one warning each: a new request on a
     * pooled thread must never join, and so commit, work that an earlier task left open.
     *
     * @param request the request about to begin or end on the thread
     * @param ending  true at the request's end, false at its beginning
     */
    public static void endLeftovers(RequestInfo request, boolean ending) {
        endLeftoversAbove(null, request, ending);
    }

    /**
     * Ends, as {@link #endLeftovers} does, the scopes bound above {@code scope}: those opened while
     * it was current and never closed, so that {@code scope} can end and unbind itself.
     *
     * @param scope   the scope that must become current again, or null for none
     * @param request the request about to begin or end on the thread
     * @param ending  true at the request's end, false at its beginning
     */
    public static void endLeftoversAbove(ScopeState scope, RequestInfo request, boolean ending) {
        // The request's label is built only when something was left: this runs on every request.
        for (ScopeState left = CURRENT.get(); left != null && left != scope; left = CURRENT.get()) {
            String next = ending ? "the end of " + request.label() : request.label();
            StackTraceElement opener = null;
            RuntimeException failure = null;
            try {
                opener = left.abandon();
            } catch (RuntimeException e) {
                failure = e;
            }
            LOG.warn("dbfilter: a scope of {} opened {} was still bound to thread '{}' when {} began: its work was"
                    + " rolled back and its EntityManagers closed{}. Close every Database.open() in a"
                    + " try-with-resources block on the thread that opened it.", left.engines().name(),
                    opener == null ? "by code outside a request" : "at " + opener,
                    Thread.currentThread().getName(), next, failure == null ? "" : " (" + failure + ")");
        }
    }

    static void bind(ScopeState scope) {
        CURRENT.set(scope);
    }

    /**
     * Restores {@code outer} (null when none) if {@code scope} is what this thread has bound. Setting
     * null rather than removing keeps the thread's map entry for the next request: a removed entry
     * is a new WeakReference at every request, garbage that the collector must process specially.
     * The entry holds the ThreadLocal only weakly and no value, so it pins no class loader.
     */
    static void unbind(ScopeState scope, ScopeState outer) {
        if (CURRENT.get() == scope) {
            CURRENT.set(outer);
        }
    }
}

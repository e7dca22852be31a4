package io.dbfilter;

import io.dbfilter.internal.scope.ScopeState;

/**
 * The binding of a {@link Database} to the current thread, opened by {@link Database#open()} or,
 * for each request, by {@link DbFilter}. It holds at most one EntityManager per bind, created by
 * the first {@link Db#session()} (or {@link Db#session(String)}) call for that bind, with a
 * transaction begun automatically.
 *
 * <p>{@link #close()} ends it: every uncommitted transaction is rolled back (uncommitted changes
 * are discarded, as Flask-SQLAlchemy does at the end of a request), every EntityManager is closed
 * and the thread is unbound, on every path. A failing rollback does not keep any EntityManager
 * open or the thread bound; its exception is thrown after the cleanup, and try-with-resources
 * attaches it to the body's exception, if any, as a suppressed one.
 *
 * <p>A scope opened while a scope of the same Database is bound to the thread joins it: it shares
 * its EntityManagers and transactions, and closing it leaves them alone.
 *
 * @since 0.1
 */
@SuppressWarnings("deprecation")
public final class Scope implements Database.Scope {
    private final Database database;
    private final ScopeState state;
    private final Thread thread;
    private boolean closed;

    Scope(Database database, ScopeState state) {
        this.database = database;
        this.state = state;
        this.thread = Thread.currentThread();
    }

    /**
     * The Database this scope binds.
     *
     * @return the Database
     */
    @Override
    public Database database() {
        return database;
    }

    /** Whether the default bind's EntityManager was created in this scope (or the scope it joined). */
    boolean hasSession() {
        return state.hasSession();
    }

    /** Whether a bind's EntityManager was created in this scope (or the scope it joined). */
    boolean hasSession(int bind) {
        return state.hasSession(bind);
    }

    /** The scope behind this handle: shared with the handles that joined it. */
    ScopeState state() {
        return state;
    }

    /**
     * Ends this scope as described in the class documentation. A scope that joined an outer one
     * only marks itself closed. Closing twice does nothing.
     *
     * @throws IllegalStateException when called on another thread than the one that opened it
     * @throws RuntimeException      when rolling back or closing an EntityManager failed, after
     *                               the cleanup
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("dbfilter: a Scope must be closed on the thread that opened it ("
                    + thread.getName() + "), not on " + Thread.currentThread().getName() + ".");
        }
        closed = true;
        state.exit();
    }
}

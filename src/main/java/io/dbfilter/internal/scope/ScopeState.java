package io.dbfilter.internal.scope;

import io.dbfilter.internal.jdbc.SingleUpdate;
import io.dbfilter.internal.util.Causes;
import io.dbfilter.internal.util.Failures;
import jakarta.persistence.EntityManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scope: the binding of one Database to a thread, holding at most one EntityManager per bind,
 * each created on first use with a transaction begun. Opening the same Database again on the same
 * thread (a FORWARD dispatch, a nested {@code Database.open()}) joins it: a counter goes up, and
 * only the outermost {@link #exit()} rolls back, closes and unbinds.
 *
 * <p>There is one commit path ({@link #commit()}), around which the listeners run.
 */
public final class ScopeState {
    private static final Logger LOG = LoggerFactory.getLogger("io.dbfilter.Database");

    private final Engines engines;
    private final ScopeState outer;
    private final RequestInfo request;
    /** Created by the first session call, so that a scope that never uses one allocates nothing more. */
    private Sessions sessions;
    /** One per listener, created when a listener first keeps something. */
    private Object[] slots;
    /** How many joins are still open inside the outermost opening. */
    private int joined;
    private boolean closed;
    /** What the last commit itself threw: a failure there may have committed or not. */
    private Throwable commitFailure;
    /** Where {@code Database.open()} was called, for the warning when the scope is left bound; or null. */
    private StackTraceElement opener;

    private ScopeState(Engines engines, ScopeState outer, RequestInfo request) {
        this.engines = engines;
        this.outer = outer;
        this.request = request;
    }

    /**
     * Binds a scope of {@code engines} to the current thread, or joins the one already bound.
     *
     * @param engines the Database
     * @param request the request the scope serves, or null outside one
     * @return the bound scope; call {@link #exit()} once for every enter
     * @throws IllegalStateException when the Database is closed
     */
    public static ScopeState enter(Engines engines, RequestInfo request) {
        if (engines.isClosed()) {
            throw new IllegalStateException("dbfilter: Database " + engines.name() + " is closed.");
        }
        ScopeState current = ThreadScope.current();
        if (current != null && current.engines == engines) {
            current.joined++;
            return current;
        }
        var scope = new ScopeState(engines, current, request);
        ThreadScope.bind(scope);
        for (ScopeListener listener : engines.listeners()) {
            listener.opened(scope);
        }
        return scope;
    }

    /**
     * Leaves a join, or ends the outermost scope: every uncommitted transaction is rolled back,
     * every EntityManager closed and the thread unbound, on every path; then the first failure is
     * thrown with the others suppressed. Ending twice does nothing.
     */
    public void exit() {
        if (joined > 0) {
            joined--;
            return;
        }
        if (closed) {
            return;
        }
        closed = true;
        var failures = new Failures();
        for (ScopeListener listener : engines.listeners()) {
            failures.run(() -> listener.closing(this));
        }
        Sessions current = sessions;
        sessions = null;
        if (current != null) {
            failures.run(current::close);
        }
        ThreadScope.unbind(this, outer);
        failures.throwIfAny();
    }

    /**
     * Whether this scope joined an outer opening of the same Database that is still open.
     *
     * @return true inside a join
     */
    public boolean isJoined() {
        return joined > 0;
    }

    /**
     * The Database this scope belongs to.
     *
     * @return its engines
     */
    public Engines engines() {
        return engines;
    }

    /**
     * The request this scope serves.
     *
     * @return the request, or null outside one
     */
    public RequestInfo request() {
        return request;
    }

    /**
     * The EntityManager of one bind, created on the first call with a transaction begun.
     *
     * @param index 0 for the default bind
     * @return the EntityManager, always with an active transaction
     * @throws IllegalStateException when the scope has ended
     */
    public EntityManager session(int index) {
        if (closed) {
            throw new IllegalStateException("dbfilter: this scope of " + engines.name() + " is closed.");
        }
        Sessions current = sessions;
        if (current == null) {
            current = new Sessions(engines);
            sessions = current;
        }
        return current.get(index);
    }

    /**
     * Whether the default bind's EntityManager was created.
     *
     * @return true after the first {@code Db.session()}
     */
    public boolean hasSession() {
        return hasSession(0);
    }

    /**
     * Whether a bind's EntityManager was created.
     *
     * @param index 0 for the default bind
     * @return true after its first use
     */
    public boolean hasSession(int index) {
        return sessions != null && sessions.has(index);
    }

    /**
     * Commits every bind with an active transaction, in bind order, with the listeners around it,
     * then begins the next transactions at once. Any failure rolls every bind back and is thrown.
     */
    public void commit() {
        Sessions current = sessions;
        if (current == null || !current.hasActive()) {
            return;
        }
        if (request != null && request.isResponseCommitted()) {
            LOG.warn("dbfilter: Db.commit() runs after the response was sent to the client; if it fails, the"
                    + " client has already seen success. Commit before writing the response.");
        }
        boolean committing = false;
        try {
            for (ScopeListener listener : engines.listeners()) {
                listener.beforeCommit(this);
            }
            committing = true;
            commit(current);
        } catch (RuntimeException | Error e) {
            var failures = new Failures();
            failures.run(current::rollback);
            boolean inCommit = committing;
            for (ScopeListener listener : engines.listeners()) {
                failures.run(() -> listener.commitFailed(this, e, inCommit));
            }
            failures.suppressInto(e);
            rolledBack();
            throw e;
        }
        for (ScopeListener listener : engines.listeners()) {
            listener.afterCommit(this);
        }
    }

    private void commit(Sessions current) {
        try {
            current.commit();
        } catch (RuntimeException | Error e) {
            commitFailure = e;
            throw e;
        } finally {
            // EclipseLink's own events clear it on every path they see; this is the one that cannot be missed.
            SingleUpdate.disarm();
        }
    }

    /**
     * Whether {@code error} is, or was caused by, what a commit itself threw (not a listener or
     * flush before it): when such a failure is a broken connection, the database may have
     * committed, and the outcome is unknown.
     *
     * @param error what the request failed with
     * @return true when the failure came out of the commit
     */
    public boolean failedInCommit(Throwable error) {
        Throwable failure = commitFailure;
        return failure != null && Causes.find(error, Throwable.class, cause -> cause == failure) != null;
    }

    /**
     * Remembers where this scope was opened, for the warning when it is left bound to a thread.
     *
     * @param caller the application's call of {@code Database.open()}
     */
    public void openedAt(StackTraceElement caller) {
        opener = caller;
    }

    /**
     * Ends a scope that was left bound to its thread, joins included, as {@link #exit()} ends it.
     *
     * @return where it was opened, or null when unknown
     */
    public StackTraceElement abandon() {
        joined = 0;
        try {
            exit();
        } finally {
            // Ended or not, it must not stay bound: the caller loops until the thread is clear.
            ThreadScope.unbind(this, outer);
        }
        return opener;
    }

    /** Rolls back every bind's transaction and begins the next. */
    public void rollback() {
        try {
            if (sessions != null) {
                sessions.rollback();
            }
        } finally {
            rolledBack();
        }
    }

    private void rolledBack() {
        for (ScopeListener listener : engines.listeners()) {
            listener.rolledBack(this);
        }
    }

    /** Tells the listeners that this scope's request is answered 503: the database cannot be reached. */
    public void unavailable() {
        for (ScopeListener listener : engines.listeners()) {
            listener.unavailable(this);
        }
    }

    /** Flushes every bind with an active transaction, in bind order, without committing. */
    public void flush() {
        if (sessions != null) {
            sessions.flush();
        }
    }

    /**
     * What one listener keeps for this scope.
     *
     * @param slot the listener's slot, its position among the installed listeners
     * @param <T>  what the listener keeps
     * @return the value, or null when the listener has kept nothing yet
     */
    @SuppressWarnings("unchecked")
    public <T> T slot(int slot) {
        return slots == null ? null : (T) slots[slot];
    }

    /**
     * Keeps a listener's value for this scope.
     *
     * @param slot  the listener's slot
     * @param value what it keeps
     */
    public void slot(int slot, Object value) {
        if (slots == null) {
            slots = new Object[engines.listeners().length];
        }
        slots[slot] = value;
    }

    /**
     * The current thread's scope if {@code listener} is installed at {@code slot} in its Database:
     * how an EclipseLink callback, which knows only its thread, finds the scope it belongs to.
     *
     * @param listener the listener asking
     * @param slot     its slot
     * @return the scope, or null when the thread has none of the listener's Database
     */
    public static ScopeState of(ScopeListener listener, int slot) {
        ScopeState scope = ThreadScope.current();
        if (scope == null) {
            return null;
        }
        ScopeListener[] installed = scope.engines.listeners();
        return slot < installed.length && installed[slot] == listener ? scope : null;
    }

    /**
     * Unbinds this scope from the current thread but keeps its EntityManagers open, for an
     * asynchronous request whose work goes on after the dispatch returns; {@link #exit()} then ends
     * it from whichever thread completes the request.
     */
    public void detach() {
        ThreadScope.unbind(this, outer);
    }

    /** Binds this scope to the current thread again, for an ASYNC dispatch of its request. */
    public void attach() {
        ThreadScope.bind(this);
    }
}

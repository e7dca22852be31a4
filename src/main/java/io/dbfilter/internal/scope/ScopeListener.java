package io.dbfilter.internal.scope;

import org.eclipse.persistence.sessions.Session;

/**
 * The seam through which a feature follows a Database and its scopes: query recording, commit
 * events, the too-many-queries warning, and whatever comes next. Start-up decides once which
 * listeners a Database has ({@code Features}); a feature that is off installs none, so it costs a
 * scope nothing but a loop over an empty array.
 *
 * <p>Every method has an empty default: a listener overrides what it needs. Scope methods run on
 * the scope's thread, in the order the listeners were installed. A listener that keeps data per
 * scope keeps it in its own slot ({@link ScopeState#slot(int)}), never in a field.
 */
public interface ScopeListener {
    /**
     * Adds the feature's EclipseLink listeners to one bind's session, before it logs in.
     *
     * @param session the bind's EclipseLink server session
     */
    default void customize(Session session) {
    }

    /**
     * The Database has started: every bind's pool is connected and its entities mapped.
     *
     * @param engines the started Database's binds
     */
    default void started(Engines engines) {
    }

    /**
     * A scope was bound to its thread.
     *
     * @param scope the new scope
     */
    default void opened(ScopeState scope) {
    }

    /**
     * A commit is about to run, inside the transaction; what this throws rolls it back and is
     * thrown by the commit.
     *
     * @param scope the committing scope
     */
    default void beforeCommit(ScopeState scope) {
    }

    /**
     * A commit succeeded; the next transaction has begun.
     *
     * @param scope the scope that committed
     */
    default void afterCommit(ScopeState scope) {
    }

    /**
     * A commit failed; every bind is rolled back next, and {@link #rolledBack(ScopeState)} follows.
     *
     * @param scope      the scope whose commit failed
     * @param failure    what the commit throws
     * @param committing true when the failure came from the binds' commits themselves, false when a
     *                   {@link #beforeCommit(ScopeState)} listener threw before any bind committed
     */
    default void commitFailed(ScopeState scope, Throwable failure, boolean committing) {
    }

    /**
     * The scope's transactions were rolled back: by {@code Db.rollback()} or by a failed commit.
     *
     * @param scope the scope
     */
    default void rolledBack(ScopeState scope) {
    }

    /**
     * The scope's request is answered 503 Service Unavailable because the database could not be
     * reached.
     *
     * @param scope the request's scope
     */
    default void unavailable(ScopeState scope) {
    }

    /**
     * The scope is ending: its EntityManagers are about to be rolled back and closed.
     *
     * @param scope the scope
     */
    default void closing(ScopeState scope) {
    }

    /**
     * The Database is closing; its pools are still open.
     *
     * @param engines the closing Database's binds
     */
    default void closing(Engines engines) {
    }
}

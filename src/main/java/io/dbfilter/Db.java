package io.dbfilter;

import jakarta.persistence.EntityManager;

/**
 * Static access to the database scope bound to the current thread: the request's scope inside
 * {@link DbFilter}, or the one opened with {@link Database#open()} elsewhere.
 *
 * <pre>{@code
 * User user = new User("ann");
 * Db.session().persist(user);
 * Db.commit();
 * }</pre>
 *
 * @since 0.1
 */
public final class Db {
    private static final ThreadLocal<Database.Scope> CURRENT = new ThreadLocal<>();

    private Db() {
    }

    /**
     * The current scope's EntityManager, created on the first call in the scope, always with an
     * active resource-local transaction (begun automatically, as SQLAlchemy 2's session does), so
     * {@code persist}, {@code merge} and {@code remove} need no ceremony. Nothing is committed
     * unless {@link #commit()} is called: at the end of the scope the transaction is rolled back.
     *
     * <p>The EntityManager belongs to the current thread and lives until the scope ends; do not
     * keep it beyond that or hand it to another thread.
     *
     * @return the EntityManager of the current scope
     * @throws IllegalStateException when no scope is bound to this thread, saying how to bind one
     */
    public static EntityManager session() {
        return scope().session();
    }

    /**
     * Commits the current scope's transaction, if {@link #session()} began one, and begins the
     * next at once. Does nothing when the scope has not used its session.
     *
     * <p>Commit before writing the response: a commit that fails after the response was sent cannot
     * tell the client any more (dbfilter logs a warning when that happens).
     *
     * @throws jakarta.persistence.RollbackException when the database refuses the commit; the
     *         transaction is then rolled back, and the next call to {@link #session()} works again
     * @throws IllegalStateException when no scope is bound to this thread
     */
    public static void commit() {
        scope().commit();
    }

    /**
     * Rolls back the current scope's transaction, discarding its uncommitted changes, and begins
     * the next. Does nothing when the scope has not used its session.
     *
     * @throws IllegalStateException when no scope is bound to this thread
     */
    public static void rollback() {
        scope().rollback();
    }

    /**
     * The Database whose scope is bound to the current thread.
     *
     * @return the current Database
     * @throws IllegalStateException when no scope is bound to this thread
     */
    public static Database database() {
        return scope().database;
    }

    /**
     * Whether a scope is bound to the current thread, so that {@link #session()} would work.
     *
     * @return true inside a request that {@link DbFilter} handles or inside {@link Database#open()}
     */
    public static boolean isBound() {
        return CURRENT.get() != null;
    }

    static Database.Scope current() {
        return CURRENT.get();
    }

    static void bind(Database.Scope scope) {
        CURRENT.set(scope);
    }

    /** Restores {@code outer} if {@code scope} is what this thread has bound; removes the entry when none. */
    static void unbind(Database.Scope scope, Database.Scope outer) {
        if (CURRENT.get() != scope) {
            return;
        }
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }

    private static Database.Scope scope() {
        Database.Scope scope = CURRENT.get();
        if (scope == null) {
            throw new IllegalStateException("dbfilter: no database scope is bound to thread '"
                    + Thread.currentThread().getName() + "'. In a web application, map io.dbfilter.DbFilter to this"
                    + " URL (web.xml: <filter-mapping> with <url-pattern>/*</url-pattern>); outside a request (jobs,"
                    + " tests, main methods), wrap the code in try (Database.Scope scope = database.open()) { ... }."
                    + " Work handed to another thread needs its own scope there.");
        }
        return scope;
    }
}

package io.dbfilter;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured database: a HikariCP connection pool, an EclipseLink EntityManagerFactory over
 * it, and the settings they were built from; plus the same for each extra database ("bind")
 * named in {@code db.binds} (see docs/binds.md).
 *
 * <p>A web application gets its Database from {@link DbBootstrapListener} or {@link DbFilter} and
 * reaches it with {@link #of(ServletContext)}. Jobs, command-line tools and tests create one with
 * {@link #create(Map)} and run their work inside {@link #open()}:
 *
 * <pre>{@code
 * try (Database db = Database.create(Map.of("db.url", "jdbc:derby:memory:jobs;create=true",
 *                                           "db.entities", "com.example.model.User"))) {
 *     db.createAll();
 *     try (Database.Scope scope = db.open()) {
 *         Db.session().persist(new User("ann"));
 *         Db.commit();
 *     }
 * }
 * }</pre>
 *
 * <p>A Database is thread-safe; the EntityManager a scope hands out is not, and belongs to the
 * thread that opened the scope.
 *
 * @since 0.1
 */
public final class Database implements AutoCloseable {
    static final String ATTRIBUTE = Database.class.getName();
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final String name;
    /** The default bind first, then the binds in {@code db.binds} order: the order of commits. */
    private final Engine[] engines;
    /** Which engine each entity class belongs to. */
    private final Map<Class<?>, Integer> owners;
    private final AtomicInteger openSessions = new AtomicInteger();
    /** Installed in EclipseLink only with db.recordQueries; null otherwise, and nothing records. */
    final QueryRecorder recorder;
    /** Installed in EclipseLink only with db.trackModifications; null otherwise, and commits are plain. */
    final CommitEvents commitEvents;
    final boolean serverTiming;
    /** The db.warnQueries limit, 0 when off. */
    final int warnQueries;
    private volatile boolean closed;

    Database(String name, List<Engine> engines, Map<Class<?>, Integer> owners, QueryRecorder recorder,
            CommitEvents commitEvents) {
        this.name = name;
        this.engines = engines.toArray(new Engine[0]);
        this.owners = owners;
        this.recorder = recorder;
        this.commitEvents = commitEvents;
        Settings settings = this.engines[0].settings;
        this.serverTiming = settings.flag(Settings.SERVER_TIMING, false);
        this.warnQueries = settings.count(Settings.WARN_QUERIES);
    }

    /**
     * Builds a Database from settings with the same keys as {@link DbFilter}'s init-params
     * ({@code db.url}, {@code db.entities}, {@code db.packages}, {@code db.pool.*}, ...).
     *
     * <p>As in a web application, a Java system property or environment variable overrides the
     * value given here. The pool opens its first connection and EclipseLink maps the entities
     * before this returns, so every configuration error surfaces here; on error nothing is left
     * running. Tables are not created: call {@link #createAll()}.
     *
     * @param settings the configuration; see docs/configuration.md for every key
     * @return the started Database; close it when done
     * @throws IllegalArgumentException when a setting is unknown or wrong, naming it and the fix
     * @throws IllegalStateException when the database cannot be reached or the entities cannot be mapped
     */
    public static Database create(Map<String, String> settings) {
        return Startup.start(Settings.resolve(settings, "Database.create setting", Map.of(),
                System.getProperties(), System.getenv()), loader());
    }

    /**
     * The Database of a web application, as built by {@link DbBootstrapListener} or {@link DbFilter}.
     *
     * @param context the web application's servlet context
     * @return its Database
     * @throws IllegalStateException when neither the listener nor the filter has built one yet
     */
    public static Database of(ServletContext context) {
        Object database = context.getAttribute(ATTRIBUTE);
        if (database instanceof Database found) {
            return found;
        }
        throw new IllegalStateException("dbfilter: this web application has no Database yet. Declare"
                + " io.dbfilter.DbBootstrapListener in web.xml (it builds the Database before any servlet starts),"
                + " or call Database.of only after io.dbfilter.DbFilter has been initialized.");
    }

    static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Database.class.getClassLoader();
    }

    /**
     * Binds this database to the current thread until the returned scope is closed, so that
     * {@link Db#session()} works in the code inside.
     *
     * <p>When a scope of this database is already bound to the thread, the new scope joins it: it
     * shares the outer scope's EntityManager and transaction, and closing it leaves them alone.
     * Closing the outermost scope rolls back whatever was not committed, closes the EntityManager
     * and unbinds the thread. A scope must be closed on the thread that opened it.
     *
     * @return the scope; use it in try-with-resources
     * @throws IllegalStateException when this Database is closed
     */
    public Scope open() {
        return open(null, null);
    }

    Scope open(ServletRequest request, ServletResponse response) {
        if (closed) {
            throw new IllegalStateException("dbfilter: Database " + name + " is closed.");
        }
        Scope current = Db.current();
        if (current != null && current.database == this) {
            return new Scope(current);
        }
        var scope = new Scope(this, current, request, response);
        Db.bind(scope);
        return scope;
    }

    /**
     * Creates the tables of every entity that do not exist yet, in every bind, and leaves existing
     * ones (and their rows) alone, like Flask-SQLAlchemy's {@code create_all}. Columns added to an
     * entity later are not added to an existing table: use a migration tool for that.
     *
     * <p>EclipseLink only logs a failed CREATE; this checks the catalog afterwards and throws.
     *
     * @throws IllegalStateException when a table could not be created, naming it and its bind
     */
    public void createAll() {
        outsideScope(() -> {
            for (Engine engine : engines) {
                engine.createAll();
            }
        });
    }

    /**
     * Same as {@link #createAll()} for the entities of one bind only.
     *
     * @param bind a name listed in {@code db.binds}, or null for the default bind
     * @throws IllegalArgumentException when no bind has that name, listing the binds
     * @throws IllegalStateException    when a table could not be created, naming it
     * @since 0.1
     */
    public void createAll(String bind) {
        Engine engine = engines[index(bind)];
        outsideScope(engine::createAll);
    }

    /**
     * Drops the tables of every entity, in every bind, with their rows. EclipseLink's
     * {@code SEQUENCE} table, which hands out generated ids, stays, so that ids are never handed
     * out twice.
     */
    public void dropAll() {
        outsideScope(() -> {
            for (Engine engine : engines) {
                engine.dropAll();
            }
        });
    }

    /**
     * Same as {@link #dropAll()} for the entities of one bind only.
     *
     * @param bind a name listed in {@code db.binds}, or null for the default bind
     * @throws IllegalArgumentException when no bind has that name, listing the binds
     * @since 0.1
     */
    public void dropAll(String bind) {
        Engine engine = engines[index(bind)];
        outsideScope(engine::dropAll);
    }

    /** Runs DDL unbound from the caller's scope: it belongs to no request, so it is not recorded. */
    private static void outsideScope(Runnable ddl) {
        Scope current = Db.current();
        if (current == null) {
            ddl.run();
            return;
        }
        Db.unbind(current, null);
        try {
            ddl.run();
        } finally {
            Db.bind(current);
        }
    }

    /**
     * Registers a listener that runs inside {@link Db#commit()}, before the transaction commits,
     * with the changes the scope flushed since its last commit, like Flask-SQLAlchemy's
     * {@code before_models_committed} signal. The session is flushed first so the list is
     * complete; it is in flush order and unmodifiable. The listener runs on the committing thread
     * inside its scope, so it may use {@link Db#session()} to change more data: those changes are
     * committed too and reach the after-commit listeners, but not this one again. An exception it
     * throws rolls the transaction back and is thrown by {@code Db.commit()}. Listeners run in the
     * order registered, and only when there are changes.
     *
     * @param listener receives the pending changes
     * @throws IllegalStateException when {@code db.trackModifications} is not true
     */
    public void onBeforeCommit(Consumer<List<Change>> listener) {
        tracking("onBeforeCommit").onBeforeCommit(listener);
    }

    /**
     * Registers a listener that runs after {@link Db#commit()} committed, with the changes that
     * commit wrote, like Flask-SQLAlchemy's {@code models_committed} signal. A rollback (or a
     * failed commit) discards the pending changes and runs no listener. An exception the listener
     * throws is logged and neither undoes the commit nor stops the other listeners. It runs on the
     * committing thread, in the scope's next transaction. Listeners run in the order registered,
     * and only when there are changes.
     *
     * @param listener receives the committed changes
     * @throws IllegalStateException when {@code db.trackModifications} is not true
     */
    public void onAfterCommit(Consumer<List<Change>> listener) {
        tracking("onAfterCommit").onAfterCommit(listener);
    }

    private CommitEvents tracking(String method) {
        if (commitEvents == null) {
            throw new IllegalStateException("dbfilter: Database." + method + " needs db.trackModifications=true,"
                    + " which " + name + " was started without. Set it with the other db.* settings (init-param,"
                    + " context-param, system property, or the map given to Database.create).");
        }
        return commitEvents;
    }

    /**
     * The pooled DataSource of the default bind: for plain JDBC next to JPA, or for pool
     * statistics ({@code unwrap(HikariDataSource.class).getHikariPoolMXBean()}).
     *
     * @return the HikariCP data source
     */
    public DataSource dataSource() {
        return engines[0].dataSource;
    }

    /**
     * The pooled DataSource of one bind, as {@link #dataSource()} is the default bind's.
     *
     * @param bind a name listed in {@code db.binds}, or null for the default bind
     * @return that bind's HikariCP data source
     * @throws IllegalArgumentException when no bind has that name, listing the binds
     * @since 0.1
     */
    public DataSource dataSource(String bind) {
        return engines[index(bind)].dataSource;
    }

    /**
     * The EclipseLink factory behind {@link Db#session()}, for what the scope does not cover
     * (metamodel, criteria builder, cache control).
     *
     * @return the EntityManagerFactory of the default bind
     */
    public EntityManagerFactory entityManagerFactory() {
        return engines[0].factory;
    }

    /**
     * The EclipseLink factory behind {@link Db#session(String)} for one bind.
     *
     * @param bind a name listed in {@code db.binds}, or null for the default bind
     * @return that bind's EntityManagerFactory
     * @throws IllegalArgumentException when no bind has that name, listing the binds
     * @since 0.1
     */
    public EntityManagerFactory entityManagerFactory(String bind) {
        return engines[index(bind)].factory;
    }

    /**
     * The names of the binds besides the default one, as {@code db.binds} lists them.
     *
     * @return the bind names, empty when {@code db.binds} is not set
     * @since 0.1
     */
    public List<String> binds() {
        var binds = new ArrayList<String>();
        for (int i = 1; i < engines.length; i++) {
            binds.add(engines[i].bind);
        }
        return List.copyOf(binds);
    }

    /**
     * How many EntityManagers that scopes created are still open, of every bind: 0 whenever no
     * request or scope is running, so anything else after the work ends is a leak.
     *
     * @return the count of open EntityManagers
     */
    public int openSessions() {
        return openSessions.get();
    }

    /**
     * This Database's name, unique in the JVM ({@code dbfilter-1}, ...); it also names the
     * HikariCP pool and the EclipseLink session, so it appears in their log lines. A bind's pool
     * and session add the bind's name: {@code dbfilter-1-analytics}.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Closes the EntityManagerFactory and the pool of every bind, and shuts down an embedded Derby
     * database that no other open Database uses. Closing twice does nothing.
     *
     * @throws RuntimeException when closing a bind failed, after every bind was closed
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (openSessions.get() > 0) {
            LOG.warn("dbfilter: {} closes while {} EntityManager(s) are still open; a scope was not closed.",
                    name, openSessions.get());
        }
        RuntimeException failure = null;
        for (Engine engine : engines) {
            try {
                engine.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "Database[" + name + ", " + engines[0].url.redacted() + "]";
    }

    /** Creates the tables of every bind whose {@code createAll} setting is on, as start-up does. */
    void createAllAsConfigured() {
        for (Engine engine : engines) {
            if (engine.createAllOnStart()) {
                engine.createAll();
            }
        }
    }

    /** The index of a bind in {@link #engines}: 0 for null (the default bind). */
    int index(String bind) {
        if (bind == null) {
            return 0;
        }
        for (int i = 1; i < engines.length; i++) {
            if (engines[i].bind.equals(bind)) {
                return i;
            }
        }
        List<String> binds = binds();
        throw new IllegalArgumentException("dbfilter: " + name + " has no bind named '" + bind + "'"
                + (binds.isEmpty() ? "; it has no binds at all (db.binds is not set)."
                        : "; its binds are " + String.join(", ", binds) + " (db.binds)."
                                + Settings.suggestion(bind, binds))
                + " Name a bind listed in db.binds; null, or Db.session() without a name, is the default bind.");
    }

    /** The index of the bind that maps {@code type}, or of an entity superclass of it. */
    int index(Class<?> type) {
        for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
            Integer owner = owners.get(candidate);
            if (owner != null) {
                return owner;
            }
        }
        throw new IllegalArgumentException("dbfilter: " + (type == null ? "null" : type.getName())
                + " is not an entity of " + name + ". List it in db.entities or db.packages (or a bind's"
                + " db.bind.<name>.entities or .packages), and annotate it @Entity.");
    }

    EntityManager createEntityManager(int index) {
        EntityManager session = engines[index].factory.createEntityManager();
        openSessions.incrementAndGet();
        return session;
    }

    void sessionClosed() {
        openSessions.decrementAndGet();
    }

    /** How many binds this Database has, the default one included. */
    int bindCount() {
        return engines.length;
    }

    /** How messages name a bind: {@code the default bind} or {@code bind 'analytics'}. */
    String describe(int index) {
        return index == 0 ? "the default bind" : "bind '" + engines[index].bind + "'";
    }

    /**
     * The binding of a {@link Database} to the current thread, opened by {@link Database#open()}
     * or, for each request, by {@link DbFilter}. It holds at most one EntityManager per bind,
     * created by the first {@link Db#session()} (or {@link Db#session(String)}) call for that bind,
     * with a transaction begun automatically.
     *
     * <p>{@link #close()} ends it: every uncommitted transaction is rolled back (uncommitted changes
     * are discarded, as Flask-SQLAlchemy does at the end of a request), every EntityManager is
     * closed and the thread is unbound, on every path. A failing rollback does not keep any
     * EntityManager open or the thread bound; its exception is thrown after the cleanup, and
     * try-with-resources attaches it to the body's exception, if any, as a suppressed one.
     *
     * @since 0.1
     */
    public static final class Scope implements AutoCloseable {
        final Database database;
        private final Scope outer;
        private final Scope joined;
        private final Thread thread;
        /** The request DbFilter opened this scope for, whose parameters {@link Db#paginate} reads; else null. */
        final ServletRequest request;
        final ServletResponse response;
        /** Created by the first session call, so that a scope that never uses one allocates nothing more. */
        private Sessions sessions;
        /** Null until recording or tracking, when on, first has something to keep; see {@link #log()}. */
        ScopeLog log;
        private boolean detached;
        private boolean closed;

        private Scope(Database database, Scope outer, ServletRequest request, ServletResponse response) {
            this.database = database;
            this.outer = outer;
            this.joined = null;
            this.thread = Thread.currentThread();
            this.request = request;
            this.response = response;
        }

        private Scope(Scope joined) {
            this.database = joined.database;
            this.outer = null;
            this.joined = joined;
            this.thread = Thread.currentThread();
            this.request = joined.request;
            this.response = joined.response;
        }

        /**
         * The Database this scope binds.
         *
         * @return the Database
         */
        public Database database() {
            return database;
        }

        EntityManager session() {
            return session(0);
        }

        /** The EntityManager of the bind with that index: 0 for the default bind. */
        EntityManager session(int index) {
            if (joined != null) {
                return joined.session(index);
            }
            if (closed) {
                throw new IllegalStateException("dbfilter: this scope of " + database.name + " is closed.");
            }
            Sessions current = sessions;
            if (current == null) {
                current = new Sessions(database);
                sessions = current;
            }
            return current.get(index);
        }

        boolean hasSession() {
            return hasSession(0);
        }

        boolean hasSession(int index) {
            return joined != null ? joined.hasSession(index) : sessions != null && sessions.has(index);
        }

        /**
         * Commits every bind with an active transaction, in bind order, then begins the next
         * transactions at once, so that kept EntityManager references stay usable.
         */
        void commit() {
            if (joined != null) {
                joined.commit();
                return;
            }
            if (sessions == null || !sessions.hasActive()) {
                return;
            }
            if (response != null && response.isCommitted()) {
                LOG.warn("dbfilter: Db.commit() runs after the response was sent to the client; if it fails, the"
                        + " client has already seen success. Commit before writing the response.");
            }
            if (database.commitEvents != null) {
                database.commitEvents.commit(this, sessions);
                return;
            }
            sessions.commit();
        }

        List<RecordedQuery> recordedQueries() {
            if (joined != null) {
                return joined.recordedQueries();
            }
            return log == null ? List.of() : List.copyOf(log.queries);
        }

        /** What the observers keep for this scope, created on first use; for the outermost scope only. */
        ScopeLog log() {
            if (log == null) {
                log = new ScopeLog();
            }
            return log;
        }

        /** The statements recorded so far, without copying; for the outermost scope only. */
        List<RecordedQuery> recorded() {
            return log == null ? List.of() : log.queries;
        }

        void rollback() {
            if (joined != null) {
                joined.rollback();
                return;
            }
            if (log != null) {
                log.changes.clear();
            }
            if (sessions != null) {
                sessions.rollback();
            }
        }

        /**
         * Unbinds this scope from the current thread but keeps its EntityManager open, for an
         * asynchronous request whose work goes on after the dispatch returns; {@link #close()} then
         * ends it from whichever thread completes the request.
         */
        void detach() {
            detached = true;
            Db.unbind(this, outer);
        }

        void attach() {
            Db.bind(this);
        }

        /**
         * Ends this scope as described in the class documentation. A scope that joined an outer
         * one only marks itself closed. Closing twice does nothing.
         *
         * @throws IllegalStateException when called on another thread than the one that opened it
         * @throws RuntimeException      when rolling back or closing the EntityManager failed, after
         *                               the cleanup
         */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            if (!detached && Thread.currentThread() != thread) {
                throw new IllegalStateException("dbfilter: a Database.Scope must be closed on the thread that opened"
                        + " it (" + thread.getName() + "), not on " + Thread.currentThread().getName() + ".");
            }
            closed = true;
            if (joined != null) {
                return;
            }
            try {
                release();
            } finally {
                Db.unbind(this, outer);
            }
        }

        private void release() {
            Sessions current = sessions;
            if (current == null) {
                return;
            }
            sessions = null;
            if (log != null) {
                log.changes.clear();
            }
            current.close();
        }
    }
}

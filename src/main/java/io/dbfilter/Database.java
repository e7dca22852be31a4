package io.dbfilter;

import io.dbfilter.internal.config.Settings;
import io.dbfilter.internal.migrate.DdlScript;
import io.dbfilter.internal.health.HealthCheck;
import io.dbfilter.internal.metrics.Metrics;
import io.dbfilter.internal.observe.CommitTracker;
import io.dbfilter.internal.scope.Engine;
import io.dbfilter.internal.scope.Engines;
import io.dbfilter.internal.scope.ScopeState;
import io.dbfilter.internal.scope.ThreadScope;
import io.dbfilter.internal.start.Startup;
import jakarta.persistence.EntityManagerFactory;
import jakarta.servlet.ServletContext;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * One configured database: a HikariCP connection pool, an EclipseLink EntityManagerFactory over
 * it, and the settings they were built from; plus the same for each extra database ("bind")
 * named in {@code db.binds} (see docs/binds.md).
 *
 * <p>A web application gets its Database from {@link DbBootstrapListener} or {@link DbFilter} and
 * reaches it with {@link DbFilter#database(ServletContext)}. Jobs, command-line tools and tests
 * create one with {@link #create(Map)} and run their work inside {@link #open()}:
 *
 * <pre>{@code
 * try (Database db = Database.create(Map.of("db.url", "jdbc:derby:memory:jobs;create=true",
 *                                           "db.entities", "com.example.model.User"))) {
 *     db.createAll();
 *     try (Scope scope = db.open()) {
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
    private static final StackWalker CALLER = StackWalker.getInstance();
    private final Engines engines;
    /** Made by the first {@link #health()}: a Database that is never checked keeps none. */
    private volatile HealthCheck healthCheck;

    Database(Engines engines) {
        this.engines = engines;
        engines.face(this);
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
        return start(Settings.resolve(settings, "Database.create setting", Map.of(), System.getProperties(),
                System.getenv()));
    }

    /** Starts a Database from resolved settings; the web glue resolves them from its own sources. */
    static Database start(Settings settings) {
        return new Database(Startup.start(settings, loader(), Database::boundTo));
    }

    private static String boundTo(Class<?> type) {
        Bind bind = type.getAnnotation(Bind.class);
        return bind == null ? null : bind.value();
    }

    /**
     * The Database of a web application.
     *
     * @param context the web application's servlet context
     * @return its Database
     * @throws IllegalStateException when neither the listener nor the filter has built one yet
     * @deprecated the servlet side moved to the web glue: use {@link DbFilter#database(ServletContext)};
     *             this alias goes in 0.2
     */
    @Deprecated(since = "0.1", forRemoval = true)
    public static Database of(ServletContext context) {
        return DbFilter.database(context);
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
    public io.dbfilter.Scope open() {
        ScopeState state = ScopeState.enter(engines, null);
        state.openedAt(CALLER.walk(frames -> frames.skip(1).findFirst()).map(StackWalker.StackFrame::toStackTraceElement)
                .orElse(null));
        return new io.dbfilter.Scope(this, state);
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
        ThreadScope.outside(() -> eachEngine(Engine::createAll));
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
        Engine engine = engines.engine(engines.index(bind));
        ThreadScope.outside(engine::createAll);
    }

    /**
     * The SQL script of the tables that {@link #createAll()} creates for the default bind, on this
     * Database's kind of database: the first migration of an application that moves from
     * {@code createAll} to {@code db.migrate}. Save it as {@code db/migration/V1__init.sql}; the
     * command line {@link CreateAllScript} does that. The script holds every table, constraint and
     * id sequence of the entities, with dbfilter's names and quoting, one statement a line, each
     * ending with {@code ;}. Nothing is run on the database.
     *
     * <p>EclipseLink cannot compare entities with an existing schema, so there is no script of
     * changes: write each later migration by hand, and let the schema check ({@code db.validateSchema})
     * tell at start-up what a migration forgot. See docs/migrations.md.
     *
     * @return the script
     * @since 0.1
     */
    public String createAllScript() {
        return createAllScript(null);
    }

    /**
     * Same as {@link #createAllScript()} for the entities of one bind, on that bind's database.
     *
     * @param bind a name listed in {@code db.binds}, or null for the default bind
     * @return the script
     * @throws IllegalArgumentException when no bind has that name, listing the binds
     * @since 0.1
     */
    public String createAllScript(String bind) {
        Engine engine = engines.engine(engines.index(bind));
        String[] script = new String[1];
        ThreadScope.outside(() -> script[0] = DdlScript.of(engine));
        return script[0];
    }

    /**
     * Drops the tables of every entity, in every bind, with their rows. EclipseLink's
     * {@code SEQUENCE} table, which hands out generated ids, stays, so that ids are never handed
     * out twice.
     */
    public void dropAll() {
        ThreadScope.outside(() -> eachEngine(Engine::dropAll));
    }

    /**
     * Same as {@link #dropAll()} for the entities of one bind only.
     *
     * @param bind a name listed in {@code db.binds}, or null for the default bind
     * @throws IllegalArgumentException when no bind has that name, listing the binds
     * @since 0.1
     */
    public void dropAll(String bind) {
        Engine engine = engines.engine(engines.index(bind));
        ThreadScope.outside(engine::dropAll);
    }

    private void eachEngine(Consumer<Engine> action) {
        for (int i = 0; i < engines.size(); i++) {
            action.accept(engines.engine(i));
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
        tracking("onBeforeCommit").onBeforeCommit(Change.listener(listener));
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
        tracking("onAfterCommit").onAfterCommit(Change.listener(listener));
    }

    private CommitTracker tracking(String method) {
        CommitTracker tracker = engines.listener(CommitTracker.class);
        if (tracker == null) {
            throw new IllegalStateException("dbfilter: Database." + method + " needs db.trackModifications=true,"
                    + " which " + name() + " was started without. Set it with the other db.* settings (init-param,"
                    + " context-param, system property, or the map given to Database.create).");
        }
        return tracker;
    }

    /**
     * Records this Database's metrics, and each bind's pool's, into a Micrometer
     * {@code MeterRegistry}: statements and database time per scope, commits (succeeded, failed,
     * in doubt), rollbacks, open scopes, too-many-queries warnings, 503 answers for an unreachable
     * database, and HikariCP's {@code hikaricp.connections.*} meters per bind. The names are listed
     * in docs/observability.md.
     *
     * <p>Needs {@code db.metrics=true}, which installs the counting at start-up (and with it off
     * nothing is installed), and Micrometer ({@code io.micrometer:micrometer-core}) on the class
     * path, which dbfilter does not bring itself. The registry may be given any time after start,
     * once; scopes count from then on. The parameter is an {@code Object}, as in HikariCP's
     * {@code setMetricRegistry}, so that this class loads without Micrometer.
     *
     * @param meterRegistry an {@code io.micrometer.core.instrument.MeterRegistry}
     * @throws IllegalStateException    when {@code db.metrics} is not true, Micrometer is missing, or
     *                                  a registry was given before
     * @throws IllegalArgumentException when {@code meterRegistry} is not a {@code MeterRegistry}
     * @since 0.1
     */
    public void recordMetrics(Object meterRegistry) {
        Metrics metrics = engines.listener(Metrics.class);
        if (metrics == null) {
            throw new IllegalStateException("dbfilter: Database.recordMetrics needs db.metrics=true, which " + name()
                    + " was started without. Set it with the other db.* settings (init-param, context-param,"
                    + " system property, or the map given to Database.create).");
        }
        metrics.recordInto(meterRegistry, engines);
    }

    /**
     * Checks every bind: a connection from its pool that answers {@code Connection.isValid}, within
     * {@code db.healthTimeout} milliseconds (800 by default), all binds at once. Returns within
     * about that time even while a database is unreachable; runs no SQL of the application and
     * needs no scope. {@link HealthServlet} answers with it.
     *
     * @return each bind's answer and its pool's figures
     * @since 0.1
     */
    public Health health() {
        HealthCheck check = healthCheck;
        if (check == null) {
            synchronized (this) {
                check = healthCheck;
                if (check == null) {
                    check = new HealthCheck(engines);
                    healthCheck = check;
                }
            }
        }
        return Health.of(name(), check.run());
    }

    /**
     * The pooled DataSource of the default bind: for plain JDBC next to JPA, or for pool
     * statistics ({@code unwrap(HikariDataSource.class).getHikariPoolMXBean()}).
     *
     * @return the HikariCP data source
     */
    public DataSource dataSource() {
        return engines.engine(0).dataSource();
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
        return engines.engine(engines.index(bind)).dataSource();
    }

    /**
     * The EclipseLink factory behind {@link Db#session()}, for what the scope does not cover
     * (metamodel, criteria builder, cache control).
     *
     * @return the EntityManagerFactory of the default bind
     */
    public EntityManagerFactory entityManagerFactory() {
        return engines.engine(0).factory();
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
        return engines.engine(engines.index(bind)).factory();
    }

    /**
     * The names of the binds besides the default one, as {@code db.binds} lists them.
     *
     * @return the bind names, empty when {@code db.binds} is not set
     * @since 0.1
     */
    public List<String> binds() {
        return engines.binds();
    }

    /**
     * How many EntityManagers that scopes created are still open, of every bind: 0 whenever no
     * request or scope is running, so anything else after the work ends is a leak.
     *
     * @return the count of open EntityManagers
     */
    public int openSessions() {
        return engines.openSessions();
    }

    /**
     * This Database's name, unique in the JVM ({@code dbfilter-1}, ...); it also names the
     * HikariCP pool and the EclipseLink session, so it appears in their log lines. A bind's pool
     * and session add the bind's name: {@code dbfilter-1-analytics}.
     *
     * @return the name
     */
    public String name() {
        return engines.name();
    }

    /**
     * Closes the EntityManagerFactory and the pool of every bind, and shuts down an embedded Derby
     * database that no other open Database uses. Closing twice does nothing.
     *
     * @throws RuntimeException when closing a bind failed, after every bind was closed
     */
    @Override
    public void close() {
        engines.close();
    }

    @Override
    public String toString() {
        return "Database[" + name() + ", " + engines.engine(0).url().redacted() + "]";
    }

    /** The running part behind this Database, for the API classes beside it. */
    Engines engines() {
        return engines;
    }

    /**
     * The type {@link #open()} returned before {@link io.dbfilter.Scope} became a top-level class:
     * code that declares {@code Database.Scope scope = db.open()} keeps compiling.
     *
     * @since 0.1
     * @deprecated use {@link io.dbfilter.Scope}; this alias goes in 0.2
     */
    @Deprecated(since = "0.1", forRemoval = true)
    public interface Scope extends AutoCloseable {
        /**
         * The Database this scope binds.
         *
         * @return the Database
         */
        Database database();

        /** Ends the scope; see {@link io.dbfilter.Scope#close()}. */
        @Override
        void close();
    }
}

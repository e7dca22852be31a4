package io.dbfilter;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.jpa.JpaEntityManagerFactory;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a {@link Database} from checked settings, in the order that makes errors cheap: settings
 * and entity classes first, then for each bind its URL, its pool (which connects, see
 * {@link PoolStart}) while EclipseLink reads the entities, then EclipseLink's login. A database
 * that cannot be reached is reported before a mapping error. Whatever fails after a pool started
 * closes every pool started so far, so no half-started Database is left behind.
 */
final class Startup {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final AtomicInteger COUNT = new AtomicInteger();

    private Startup() {
    }

    static Database start(Settings settings, ClassLoader loader) {
        EntityBinds entities = EntityBinds.route(settings, loader);
        for (String bind : entities.binds()) {
            Settings view = settings.bind(bind);
            if (view.get(Settings.URL) == null) {
                throw new IllegalArgumentException("dbfilter: " + view.name(Settings.URL) + " is not set: the bind '"
                        + bind + "' named in " + settings.describe(Settings.BINDS) + " needs the JDBC URL of its"
                        + " database, e.g. jdbc:derby:memory:" + bind + ";create=true.");
            }
        }
        // Unique names: EclipseLink caches units and sessions by name for the whole JVM.
        String name = "dbfilter-" + COUNT.incrementAndGet();
        // Decided once here: with a feature off, EclipseLink gets no listener and no statement pays for it.
        // One of each serves every bind: they find the scope from the thread, whichever database ran the SQL.
        QueryRecorder recorder = settings.flag(Settings.RECORD_QUERIES, false) ? new QueryRecorder() : null;
        CommitEvents commitEvents = settings.flag(Settings.TRACK_MODIFICATIONS, false) ? new CommitEvents() : null;
        var engines = new ArrayList<Engine>();
        try {
            engines.add(engine(null, name, settings, entities.classes(0), loader, recorder, commitEvents));
            for (int i = 0; i < entities.binds().size(); i++) {
                String bind = entities.binds().get(i);
                engines.add(engine(bind, name + "-" + bind, settings.bind(bind), entities.classes(i + 1), loader,
                        recorder, commitEvents));
            }
        } catch (RuntimeException | Error e) {
            // A later bind failed: the pools that did start must not outlive the failed start.
            for (Engine started : engines) {
                try {
                    started.close();
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
        return new Database(name, engines, entities.owners(), recorder, commitEvents);
    }

    private static Engine engine(String bind, String name, Settings settings, List<Class<?>> classes,
            ClassLoader loader, QueryRecorder recorder, CommitEvents commitEvents) {
        long started = System.nanoTime();
        String given = settings.get(Settings.URL);
        JdbcUrl url = JdbcUrl.parse(given != null ? given : EmbeddedDerby.defaultUrl(), settings.describe(Settings.URL));
        String driver = url.driverClassName(loader, settings.describe(Settings.URL));
        HikariConfig config = PoolSettings.config(settings, url.url(), driver, name);
        if (given == null) {
            LOG.info("dbfilter: db.url is not set; using the embedded Derby database {}", url.derbyName());
        }
        if (url.isEmbeddedDerby()) {
            EmbeddedDerby.placeLog();
        }
        var start = new PoolStart(config);
        EntityManagerFactory factory = null;
        Throwable mapping = null;
        try {
            // Deploy-on-startup is off, so this only reads the entities, while the pool connects.
            factory = new PersistenceProvider().createContainerEntityManagerFactory(
                    new UnitInfo(name, classes, start, loader),
                    properties(name, url, settings, loader, recorder, commitEvents));
        } catch (RuntimeException | Error e) {
            mapping = e;
        }
        HikariDataSource pool;
        try {
            pool = start.await();
        } catch (RuntimeException e) {
            // A database that cannot be reached is the error to fix first, as when the pool connected before
            // EclipseLink started.
            if (mapping != null) {
                e.addSuppressed(mapping);
            }
            close(factory, e);
            throw ConnectFailure.explain(e, url, settings);
        }
        if (url.isEmbeddedDerby()) {
            EmbeddedDerby.opened(url);
        }
        try {
            if (mapping instanceof Error error) {
                throw error;
            }
            if (mapping != null) {
                throw (RuntimeException) mapping;
            }
            // Logs in, runs the session customizer and initialises the mappings.
            factory.unwrap(JpaEntityManagerFactory.class).getServerSession();
            var engine = new Engine(bind, name, url, settings, pool, factory);
            LOG.info("dbfilter: {} ready on {} with {} in {} ms", engine, url.redacted(), engine.entityNames(),
                    (System.nanoTime() - started) / 1_000_000);
            return engine;
        } catch (RuntimeException | Error e) {
            close(factory, e);
            pool.close();
            if (url.isEmbeddedDerby()) {
                EmbeddedDerby.closed(url, settings.get(Settings.USER), settings.get(Settings.PASSWORD));
            }
            if (e instanceof RuntimeException runtime) {
                throw mappingFailure(runtime);
            }
            throw e;
        }
    }

    /** Closes the factory of a start that failed with {@code failure}, if it was made. */
    private static void close(EntityManagerFactory factory, Throwable failure) {
        if (factory == null) {
            return;
        }
        try {
            factory.close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static Map<String, Object> properties(String name, JdbcUrl url, Settings settings, ClassLoader loader,
            QueryRecorder recorder, CommitEvents commitEvents) {
        boolean echo = settings.flag(Settings.ECHO, false);
        var properties = new HashMap<String, Object>();
        properties.put(PersistenceUnitProperties.SESSION_NAME, name);
        // The container bootstrap turns weaving on unless told; without an agent it cannot work.
        properties.put(PersistenceUnitProperties.WEAVING, "false");
        // The factory only reads the entities; engine() logs it in once the pool has connected.
        properties.put(PersistenceUnitProperties.DEPLOY_ON_STARTUP, "false");
        // Two application nodes on one database must never serve each other stale rows.
        properties.put(PersistenceUnitProperties.CACHE_SHARED_DEFAULT, "false");
        // Generated ids come in blocks of 50 from a sequence table. Without a connection of its own,
        // EclipseLink fetches the next block inside the writing transaction and keeps every other
        // writer waiting for that transaction to commit (see docs/performance.md).
        properties.put(PersistenceUnitProperties.JDBC_SEQUENCE_CONNECTION_POOL, "true");
        // EclipseLink 5.0.0 waits for a lock with Condition.await(waittime), and the default 0 makes
        // that a busy loop that burns a core while a block of ids is fetched. A release signals the
        // waiters, so a bounded wait costs no latency. EclipseLink keeps this value JVM-wide.
        properties.put(PersistenceUnitProperties.CONCURRENCY_MANAGER_ACQUIRE_WAIT_TIME, "100");
        properties.put(PersistenceUnitProperties.LOGGING_LEVEL, "WARNING");
        properties.put(PersistenceUnitProperties.LOGGING_PARAMETERS, Boolean.toString(echo));
        if (echo) {
            properties.put(PersistenceUnitProperties.CATEGORY_LOGGING_LEVEL_ + "sql", "FINE");
        }
        if (url.platform() != null) {
            properties.put(PersistenceUnitProperties.TARGET_DATABASE, url.platform());
        }
        var passed = new HashMap<String, Object>(settings.passthrough());
        Object theirs = passed.remove(PersistenceUnitProperties.SESSION_CUSTOMIZER);
        properties.putAll(passed);
        SessionCustomizer user = theirs == null ? null : customizer(theirs.toString(), loader);
        properties.put(PersistenceUnitProperties.SESSION_CUSTOMIZER, (SessionCustomizer) session -> {
            customize(session);
            if (recorder != null) {
                session.getEventManager().addListener(recorder);
            }
            if (commitEvents != null) {
                commitEvents.install(session);
            }
            if (user != null) {
                user.customize(session);
            }
        });
        return properties;
    }

    private static void customize(Session session) {
        TableNames.apply(session);
        session.setSessionLog(new EclipseLinkLog(session.getSessionLog()));
        // EclipseLink retries a read that failed on a broken connection 3 times, 5 s apart: a request
        // would hang for 15 s while the database is down. HikariCP already hands out only connections
        // that work, so fail at once and let DbFilter answer 503.
        session.getLogin().setQueryRetryAttemptCount(0);
    }

    private static SessionCustomizer customizer(String className, ClassLoader loader) {
        try {
            return (SessionCustomizer) Class.forName(className, true, loader).getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("dbfilter: " + PersistenceUnitProperties.SESSION_CUSTOMIZER + "="
                    + className + " is not a SessionCustomizer with a public no-argument constructor: " + e, e);
        }
    }

    private static RuntimeException mappingFailure(RuntimeException failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new IllegalStateException("dbfilter: EclipseLink could not map the entities: " + root.getMessage(),
                failure);
    }
}

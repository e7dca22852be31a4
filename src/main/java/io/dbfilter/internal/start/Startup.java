package io.dbfilter.internal.start;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbfilter.internal.config.Key;
import io.dbfilter.internal.config.PoolSettings;
import io.dbfilter.internal.config.Settings;
import io.dbfilter.internal.jdbc.ConnectFailure;
import io.dbfilter.internal.jdbc.DataSourceWrapper;
import io.dbfilter.internal.jdbc.EmbeddedDerby;
import io.dbfilter.internal.jdbc.JdbcUrl;
import io.dbfilter.internal.jdbc.PoolStart;
import io.dbfilter.internal.scope.Engine;
import io.dbfilter.internal.scope.Engines;
import io.dbfilter.internal.scope.ScopeListener;
import io.dbfilter.internal.util.Causes;
import io.dbfilter.internal.util.Closer;
import jakarta.persistence.EntityManagerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.eclipse.persistence.jpa.JpaEntityManagerFactory;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a Database from checked settings, in the order that makes errors cheap: settings, entity
 * classes and features first, then for each bind its URL, its pool (which connects, see
 * {@link PoolStart}) while EclipseLink reads the entities, then EclipseLink's login. A database
 * that cannot be reached is reported before a mapping error. Whatever fails after a pool started
 * closes, newest first, everything started so far, so no half-started Database is left behind.
 */
public final class Startup {
    private static final Logger LOG = LoggerFactory.getLogger("io.dbfilter.Database");
    private static final AtomicInteger COUNT = new AtomicInteger();

    private Startup() {
    }

    /**
     * Starts a Database.
     *
     * @param settings  the checked settings
     * @param loader    where the entity classes and drivers are loaded from
     * @param annotated the bind an entity class's {@code @Bind} annotation names, or null
     * @return the started Database's engines
     */
    public static Engines start(Settings settings, ClassLoader loader, Function<Class<?>, String> annotated) {
        EntityBinds entities = EntityBinds.route(settings, loader, annotated);
        for (String bind : entities.binds()) {
            Settings view = settings.bind(bind);
            if (view.get(Key.URL) == null) {
                throw new IllegalArgumentException("dbfilter: " + view.name(Key.URL) + " is not set: the bind '"
                        + bind + "' named in " + settings.describe(Key.BINDS) + " needs the JDBC URL of its"
                        + " database, e.g. jdbc:derby:memory:" + bind + ";create=true.");
            }
        }
        // Unique names: EclipseLink caches units and sessions by name for the whole JVM.
        String name = "dbfilter-" + COUNT.incrementAndGet();
        // One set of features serves every bind: they find the scope from the thread, whichever bind ran the SQL.
        List<ScopeListener> features = Features.of(settings, loader);
        var engines = new ArrayList<Engine>();
        var started = new Closer();
        try {
            for (int i = 0; i <= entities.binds().size(); i++) {
                String bind = i == 0 ? null : entities.binds().get(i - 1);
                Engine engine = engine(bind, bind == null ? name : name + "-" + bind,
                        bind == null ? settings : settings.bind(bind), entities.classes(i), loader, features);
                engines.add(engine);
                started.add(engine::close);
            }
            var database = new Engines(name, engines, entities.owners(), features);
            database.started();
            return database;
        } catch (RuntimeException | Error e) {
            started.closeAfter(e);
            throw e;
        }
    }

    private static Engine engine(String bind, String name, Settings settings, List<Class<?>> classes,
            ClassLoader loader, List<ScopeListener> features) {
        long begun = System.nanoTime();
        String given = settings.get(Key.URL);
        JdbcUrl url = JdbcUrl.parse(given != null ? given : EmbeddedDerby.defaultUrl(), settings.describe(Key.URL));
        String driver = url.driverClassName(loader, settings.describe(Key.URL));
        HikariConfig config = PoolSettings.config(settings, url.url(), driver, name);
        if (given == null) {
            LOG.info("dbfilter: db.url is not set; using the embedded Derby database {}", url.derbyName());
        }
        if (url.isEmbeddedDerby()) {
            EmbeddedDerby.placeLog();
        }
        DataSourceWrapper wrapper = wrapper(settings, loader);
        ReplicaStart replica = ReplicaStart.of(settings, name, loader, wrapper);
        var pool = new PoolStart(config, settings.flag(Key.FAIL_FAST), wrapper);
        Unit unit = Unit.read(UnitInfo.of(name, classes, pool, loader, url, settings, features, replica));
        HikariDataSource dataSource = connected(pool, unit, url, settings);
        if (url.isEmbeddedDerby()) {
            EmbeddedDerby.opened(url);
        }
        try {
            logIn(pool, unit, dataSource, url, settings);
        } catch (RuntimeException | Error e) {
            if (replica != null) {
                replica.close();
            }
            throw e;
        }
        var engine = new Engine(bind, name, url, settings, dataSource, pool.guard(), unit.factory(),
                replica == null ? null : replica.router(pool));
        LOG.info("dbfilter: {} ready on {}{} with {} in {} ms", engine, url.redacted(),
                replica == null ? "" : " (reads on the replica " + replica + ")", engine.entityNames(),
                (System.nanoTime() - begun) / 1_000_000);
        return engine;
    }

    /** The factory EclipseLink made from the unit, or what it threw while reading the entities. */
    private record Unit(EntityManagerFactory factory, Throwable mapping) {
        static Unit read(UnitInfo info) {
            try {
                // Deploy-on-startup is off, so this only reads the entities, while the pool connects.
                return new Unit(new PersistenceProvider().createContainerEntityManagerFactory(info, Map.of()), null);
            } catch (RuntimeException | Error e) {
                return new Unit(null, e);
            }
        }
    }

    /** The started pool; a database that cannot be reached is the error to fix first, before a mapping error. */
    private static HikariDataSource connected(PoolStart pool, Unit unit, JdbcUrl url, Settings settings) {
        try {
            return pool.await();
        } catch (RuntimeException e) {
            if (unit.mapping() != null) {
                e.addSuppressed(unit.mapping());
            }
            if (unit.factory() != null) {
                var closer = new Closer();
                closer.add(unit.factory()::close);
                closer.closeAfter(e);
            }
            throw ConnectFailure.explain(e, url, settings);
        }
    }

    /** Logs EclipseLink in (session customizer, mappings); on failure closes the bind, newest first. */
    private static void logIn(PoolStart pool, Unit unit, HikariDataSource dataSource, JdbcUrl url, Settings settings) {
        try {
            // The application's wrapper runs before the login, so that its failure is not reported as a mapping error.
            pool.forEclipseLink();
        } catch (RuntimeException | Error e) {
            Engine.closer(url, settings, dataSource, null, unit.factory()).closeAfter(e);
            throw e;
        }
        try {
            if (unit.mapping() instanceof Error error) {
                throw error;
            }
            if (unit.mapping() != null) {
                throw (RuntimeException) unit.mapping();
            }
            unit.factory().unwrap(JpaEntityManagerFactory.class).getServerSession();
        } catch (RuntimeException e) {
            RuntimeException failure = mappingFailure(e);
            Engine.closer(url, settings, dataSource, pool.guard(), unit.factory()).closeAfter(e);
            throw failure;
        } catch (Error e) {
            Engine.closer(url, settings, dataSource, pool.guard(), unit.factory()).closeAfter(e);
            throw e;
        }
    }

    /** The bind's {@code db.dataSourceWrapper}, or the default bind's when the bind sets none; null when unset. */
    private static DataSourceWrapper wrapper(Settings settings, ClassLoader loader) {
        Settings wrapping = settings.inheriting(Key.DATA_SOURCE_WRAPPER);
        String wrapper = wrapping.get(Key.DATA_SOURCE_WRAPPER);
        return wrapper == null ? null : DataSourceWrapper.of(wrapper, loader, wrapping.describe(Key.DATA_SOURCE_WRAPPER));
    }

    private static RuntimeException mappingFailure(RuntimeException failure) {
        return new IllegalStateException("dbfilter: EclipseLink could not map the entities: "
                + Causes.root(failure).getMessage(), failure);
    }
}

package io.dbfilter.internal.start;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbfilter.internal.config.Key;
import io.dbfilter.internal.config.PoolSettings;
import io.dbfilter.internal.config.Settings;
import io.dbfilter.internal.jdbc.DataSourceWrapper;
import io.dbfilter.internal.jdbc.JdbcUrl;
import io.dbfilter.internal.jdbc.PoolStart;
import io.dbfilter.internal.jdbc.ReplicaHealth;
import io.dbfilter.internal.jdbc.ReplicaRouter;

/**
 * A bind's replica ({@code db.replica.url}), from its checked settings to the router EclipseLink's
 * read pool takes connections from. The settings are checked before anything connects, with the
 * bind's; the pool starts without waiting for a connection: a replica that is down at start-up
 * only sends reads to the primary, as it does when it goes down later.
 */
final class ReplicaStart {
    private final JdbcUrl url;
    private final HikariConfig config;
    private final long maxLagMillis;
    private final DataSourceWrapper wrapper;
    private ReplicaRouter router;

    private ReplicaStart(JdbcUrl url, HikariConfig config, long maxLagMillis, DataSourceWrapper wrapper) {
        this.url = url;
        this.config = config;
        this.maxLagMillis = maxLagMillis;
        this.wrapper = wrapper;
    }

    /**
     * The bind's replica, checked; null when it has none.
     *
     * @param settings the bind's settings
     * @param name     the bind's pool name; the replica's pool is {@code <name>-replica}
     * @param loader   where the driver is loaded from
     * @param wrapper  the bind's {@code db.dataSourceWrapper}, which wraps the replica's pool too, or null
     */
    static ReplicaStart of(Settings settings, String name, ClassLoader loader, DataSourceWrapper wrapper) {
        String given = settings.get(Key.REPLICA_URL);
        if (given == null) {
            return null;
        }
        String described = settings.describe(Key.REPLICA_URL);
        JdbcUrl url = JdbcUrl.parse(given, described);
        HikariConfig config = PoolSettings.replicaConfig(settings, url.url(), url.driverClassName(loader, described),
                name + "-replica");
        // Start at once and connect in the background: the first read that finds it down goes to the primary.
        config.setInitializationFailTimeout(-1);
        return new ReplicaStart(url, config, settings.count(Key.REPLICA_MAX_LAG), wrapper);
    }

    /**
     * The router over the replica's pool and the bind's primary, started on the first call: at
     * EclipseLink's login, once the primary's pool is up.
     *
     * @param primary the bind's pool start
     * @return the same router on every call
     */
    synchronized ReplicaRouter router(PoolStart primary) {
        if (router == null) {
            var pool = new HikariDataSource(config);
            var health = new ReplicaHealth(pool, ReplicaHealth.lagQuery(url.platform()), maxLagMillis);
            router = new ReplicaRouter(primary.forEclipseLink(), pool, wrapper == null ? pool : wrapper.wrap(pool),
                    health);
        }
        return router;
    }

    /** Closes the router, if it started. */
    synchronized void close() {
        if (router != null) {
            router.close();
        }
    }

    /** How the start-up line names the replica: its URL without credentials. */
    @Override
    public String toString() {
        return url.redacted();
    }
}

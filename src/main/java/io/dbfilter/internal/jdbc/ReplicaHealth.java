package io.dbfilter.internal.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a replica may serve reads: it answers, and (on PostgreSQL) its replay lags the primary by
 * no more than {@code db.replica.maxLag}. The lag is checked at most once a second, on the
 * connection a read was about to use. Once skipped, for either reason, one warning is logged and
 * one background probe checks the replica about every second; its first good answer sends reads
 * back, with one line at INFO. Nothing here ever restarts or reconfigures a pool.
 */
public final class ReplicaHealth implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("io.dbfilter.Database");
    private static final long CHECK_INTERVAL_NANOS = 1_000_000_000L;

    private final String name;
    private final String lagQuery;
    private final long maxLagMillis;
    private final HikariDataSource pool;
    private final AtomicLong nextCheck = new AtomicLong(System.nanoTime());
    private volatile boolean skipped;
    private volatile long lastLagMillis = -1;
    private final Probe prober;
    private volatile boolean closed;

    /**
     * Watches one replica pool.
     *
     * @param pool         the replica's pool, which the probe borrows from
     * @param lagQuery     a query whose one value is the replay lag in milliseconds, or null where the
     *                     lag cannot be read ({@link #lagQuery(String)})
     * @param maxLagMillis the lag above which reads skip the replica
     */
    public ReplicaHealth(HikariDataSource pool, String lagQuery, long maxLagMillis) {
        this.name = pool.getPoolName();
        this.lagQuery = lagQuery;
        this.maxLagMillis = maxLagMillis;
        this.pool = pool;
        this.prober = new Probe(name + " probe");
    }

    /**
     * The query that reads a replica's replay lag on a platform, or null where dbfilter reads none.
     * On PostgreSQL it is the time since the last transaction replayed, but 0 when the standby has
     * replayed all it received: on a primary with no traffic the last replayed commit grows old
     * while the standby is fully caught up. A server that is not in recovery lags 0.
     *
     * @param platform the EclipseLink platform name of the replica's URL, or null
     * @return the query, or null
     */
    public static String lagQuery(String platform) {
        if (platform == null || !platform.contains("PostgreSQL")) {
            return null;
        }
        return "SELECT CASE WHEN NOT pg_is_in_recovery() THEN 0"
                + " WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
                + " ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) * 1000, 0) END";
    }

    /**
     * Whether reads may go to the replica now.
     *
     * @return false while it is down or lags too much
     */
    public boolean usable() {
        return !skipped;
    }

    /**
     * The replay lag the last check read, for health reports.
     *
     * @return milliseconds, or -1 when none was read
     */
    public long lastLagMillis() {
        return lastLagMillis;
    }

    /**
     * Checks the lag on {@code connection} when a second has passed since the last check; only one
     * caller at a time checks, the others go on at once.
     *
     * @param connection a replica connection about to serve a read
     * @return false when the replica lags too much: the caller reads on the primary instead
     * @throws SQLException when the check itself failed on the connection
     */
    public boolean fresh(Connection connection) throws SQLException {
        long due = nextCheck.get();
        long now = System.nanoTime();
        if (lagQuery == null || now - due < 0 || !nextCheck.compareAndSet(due, now + CHECK_INTERVAL_NANOS)) {
            return true;
        }
        long lag = lag(connection);
        if (lag <= maxLagMillis) {
            return true;
        }
        skip("lags " + lag + " ms behind the primary, more than db.replica.maxLag (" + maxLagMillis + " ms)");
        return false;
    }

    private long lag(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(lagQuery)) {
            row.next();
            long lag = Math.round(row.getDouble(1));
            lastLagMillis = lag;
            return lag;
        }
    }

    /**
     * Sends reads to the primary until the probe finds the replica reachable, and fresh, again.
     *
     * @param cause why, for the warning: {@code cannot be reached (...)} or {@code lags ...}
     */
    public synchronized void skip(String cause) {
        if (skipped || closed) {
            return;
        }
        skipped = true;
        LOG.warn("dbfilter: the replica {} {}: reads go to the primary until a probe, about every second, finds it"
                + " answering{}.", name, cause, lagQuery == null ? "" : " and within db.replica.maxLag");
        prober.start(() -> {
            // Through the pool, not around it: reads come back only once the pool itself hands out
            // connections again, not while it still reports the outage's last failure.
            try (Connection connection = pool.getConnection()) {
                return lagQuery == null || lag(connection) <= maxLagMillis;
            }
        }, seconds -> {
            skipped = false;
            LOG.info("dbfilter: the replica {} serves reads again after {} s.", name, seconds);
        });
    }

    /** Stops the probe; the pool is closed by its owner. */
    @Override
    public synchronized void close() {
        closed = true;
        prober.close();
    }
}

package io.dbfilter.internal.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fails fast while a bind's database cannot be reached. HikariCP makes every borrower wait its
 * {@code connectionTimeout} (30 s by default) before it gives up, so during an outage every
 * container thread hangs that long and the server queues everything behind them. Once one attempt
 * has failed because the database is unreachable (not because the pool is busy: HikariCP then
 * reports no connection failure as the cause), this answers at once with a connection error, which
 * DbFilter turns into 503, while one background probe connects about every second; its first
 * success lets requests through again. EclipseLink gets this DataSource; the pool stays behind it.
 */
public final class OutageGuard extends ForwardingDataSource implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("io.dbfilter.Database");

    private final HikariDataSource pool;
    /** Where connections come from: the pool, or the application's db.dataSourceWrapper around it. */
    private final DataSource source;
    private final DriverDataSource probe;
    private final Probe prober;
    private volatile boolean down;
    private volatile boolean closed;

    /**
     * Guards a started pool.
     *
     * @param pool   the bind's pool, whose settings the probe connects with
     * @param source what connections are taken from: the pool, or a wrapper around it
     */
    public OutageGuard(HikariDataSource pool, DataSource source) {
        super(pool);
        this.pool = pool;
        this.source = source;
        this.probe = new DriverDataSource(pool.getJdbcUrl(), pool.getDriverClassName(),
                pool.getDataSourceProperties(), pool.getUsername(), pool.getPassword());
        this.prober = new Probe(pool.getPoolName() + " probe");
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (down) {
            throw new FailingFast(pool.getPoolName());
        }
        try {
            return source.getConnection();
        } catch (SQLException e) {
            if (isUnreachable(e)) {
                trip(e);
            }
            throw e;
        }
    }

    /** The answer while the database is down: one warning per outage is logged, not one per request. */
    public static final class FailingFast extends SQLTransientConnectionException {
        private static final long serialVersionUID = 1L;

        FailingFast(String pool) {
            super("dbfilter: " + pool + " cannot reach the database; failing fast while a probe checks it every"
                    + " second.", "08001");
        }
    }

    /**
     * Whether requests are answered at once because the database could not be reached.
     *
     * @return true during an outage
     */
    public boolean isDown() {
        return down;
    }

    /** A busy pool times out with no cause; an unreachable database leaves the last connection failure. */
    private static boolean isUnreachable(SQLException e) {
        if (e instanceof SQLTransientConnectionException && e.getCause() == null) {
            return false;
        }
        return Unavailable.cause(e) != null;
    }

    private synchronized void trip(SQLException cause) {
        if (down || closed) {
            return;
        }
        down = true;
        LOG.warn("dbfilter: {} cannot reach the database ({}): requests that need it get 503 at once until a"
                + " probe, about every second, connects again.", pool.getPoolName(), cause.getMessage());
        prober.start(() -> {
            try (Connection connection = probe.getConnection()) {
                return true;
            }
        }, seconds -> {
            down = false;
            LOG.info("dbfilter: {} reaches the database again after {} s; requests go through.",
                    pool.getPoolName(), seconds);
        });
    }

    /** Stops the probe; the pool is closed by its owner. */
    @Override
    public synchronized void close() {
        closed = true;
        prober.close();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("dbfilter: the pool's credentials are fixed by db.user and"
                + " db.password.");
    }
}

package io.dbfilter.internal.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;

/**
 * Where EclipseLink's read connection pool takes its connections when a bind has a replica. EclipseLink
 * itself sends a scope's statements there only until its first write (after that they run on the
 * write connection, in the primary's transaction); this class decides, per statement, between the
 * replica and the primary. The primary wins when a test harness has redirected the bind (its rows
 * live in the harness's transaction), when the scope must not read stale rows ({@link ReadRoute}),
 * and while the replica is down or lags ({@link ReplicaHealth}); a read never fails because of the
 * replica alone.
 */
public final class ReplicaRouter extends ForwardingDataSource implements AutoCloseable {
    private final ConnectionSwitch primary;
    private final HikariDataSource pool;
    private final DataSource replica;
    private final ReplicaHealth health;
    private volatile ReadRoute route = ReadRoute.PRIMARY;

    /**
     * Routes between a bind's primary and its replica.
     *
     * @param primary what EclipseLink writes through: the switch, guard and pool of the bind
     * @param pool    the replica's pool
     * @param replica what replica connections come from: the pool, or the application's wrapper of it
     * @param health  the replica's health
     */
    public ReplicaRouter(ConnectionSwitch primary, HikariDataSource pool, DataSource replica, ReplicaHealth health) {
        super(replica);
        this.primary = primary;
        this.pool = pool;
        this.replica = replica;
        this.health = health;
    }

    /**
     * Tells the router how to ask the current scope what it needs; set once the Database started.
     *
     * @param route the scope feature's view of this bind
     */
    public void route(ReadRoute route) {
        this.route = route;
    }

    /**
     * The replica's pool, for the health check and the pool meters.
     *
     * @return the pool
     */
    public HikariDataSource pool() {
        return pool;
    }

    /**
     * The replica's health.
     *
     * @return the health
     */
    public ReplicaHealth health() {
        return health;
    }

    @Override
    public Connection getConnection() throws SQLException {
        ReadRoute current = route;
        if (primary.isRedirected() || current.primaryOnly() || !health.usable()) {
            return onPrimary(current);
        }
        Connection connection;
        try {
            connection = replica.getConnection();
        } catch (SQLException e) {
            // A busy pool times out with no cause: only this read goes to the primary. Any other failure (down,
            // refused, a wrong password) sends every read there until the probe gets an answer.
            if (!(e instanceof SQLTransientConnectionException && e.getCause() == null)) {
                health.skip("cannot be reached (" + e.getMessage() + ")");
            }
            return onPrimary(current);
        }
        try {
            if (health.fresh(connection)) {
                current.readingOn(true);
                return connection;
            }
        } catch (SQLException e) {
            health.skip("cannot be reached (" + e.getMessage() + ")");
        }
        closeQuietly(connection);
        return onPrimary(current);
    }

    private Connection onPrimary(ReadRoute current) throws SQLException {
        Connection connection = primary.getConnection();
        current.readingOn(false);
        return connection;
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // The pool evicts a connection that failed; the read goes on on the primary either way.
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("dbfilter: the replica's credentials are fixed by db.replica.user"
                + " and db.replica.password.");
    }

    /** Stops the health probe, then closes the replica's pool. */
    @Override
    public void close() {
        try {
            health.close();
        } finally {
            pool.close();
        }
    }
}

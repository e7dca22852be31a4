package io.dbfilter.test;

import io.dbfilter.internal.jdbc.ConnectionSwitch;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * One test's transaction on one bind: a single connection, taken from the pool when the test
 * starts, with autocommit off, that every scope of the bind uses while the test runs, on whatever
 * thread. Each scope gets it as a {@link SharedConnection}, which turns the scope's commit into
 * the release of a savepoint; the test's end rolls the whole transaction back.
 *
 * <p>One connection cannot run two transactions at once, so scopes take turns: a scope holds it
 * from EclipseLink's first use (the first write, or one read) to its commit, rollback or close,
 * and a scope of another thread waits meanwhile. A thread that already holds it may take it again
 * (EclipseLink may ask twice), so a scope never waits for itself.
 */
final class SharedTransaction implements DataSource {
    private final ConnectionSwitch connectionSwitch;
    private final Connection physical;
    private final SqlGuard guard;
    private final long waitMillis;
    /** Read once: some drivers ask the server every time. */
    private final int isolation;
    private Thread holder;
    private int holds;
    private String heldBy;

    private SharedTransaction(ConnectionSwitch connectionSwitch, Connection physical, long waitMillis) throws SQLException {
        this.connectionSwitch = connectionSwitch;
        this.physical = physical;
        this.guard = SqlGuard.of(physical.getMetaData().getDatabaseProductName());
        this.waitMillis = waitMillis;
        this.isolation = physical.getTransactionIsolation();
    }

    /**
     * Takes a connection from the bind's pool, begins the transaction, and points the bind's
     * scopes at it.
     */
    static SharedTransaction begin(DataSource pool, long waitMillis) throws SQLException {
        ConnectionSwitch connectionSwitch = ConnectionSwitch.of(pool);
        Connection physical = connectionSwitch.normal().getConnection();
        try {
            physical.setAutoCommit(false);
            var transaction = new SharedTransaction(connectionSwitch, physical, waitMillis);
            connectionSwitch.redirect(transaction);
            return transaction;
        } catch (SQLException | RuntimeException e) {
            physical.close();
            throw e;
        }
    }

    /**
     * Points the bind's scopes back at the pool, waits for a scope still holding the connection
     * (a request the test did not wait for), rolls everything back and returns the connection.
     *
     * @return null, or why the end was not clean (a scope still held the connection)
     */
    String rollBack() throws SQLException {
        connectionSwitch.restore();
        String unclean = null;
        try {
            if (!acquire(waitMillis)) {
                unclean = "a scope still held the test's connection " + waitMillis + " ms after the test ended ("
                        + heldBy + "); it was rolled back under it. Wait for every request the test sends.";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            physical.rollback();
            physical.setAutoCommit(true);
        } finally {
            physical.close();
        }
        return unclean;
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            if (!acquire(waitMillis)) {
                throw new SQLException("dbfilter-test: waited " + waitMillis + " ms for the test's connection, held by "
                        + heldBy + ". The test's scopes share one connection and take turns: a scope holds it from its"
                        + " first write until it commits or ends. Commit (Db.commit()) or close the test's own scope"
                        + " before sending a request that uses the database.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("dbfilter-test: interrupted while waiting for the test's connection", e);
        }
        try {
            return SharedConnection.open(physical, guard, isolation, this::release);
        } catch (SQLException | RuntimeException e) {
            release();
            throw e;
        }
    }

    private synchronized boolean acquire(long millis) throws InterruptedException {
        Thread current = Thread.currentThread();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (holder != null && holder != current) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (holder == null) {
            heldBy = "thread '" + current.getName() + "'";
        }
        holder = current;
        holds++;
        return true;
    }

    /** Let go by a scope's connection; an asynchronous request may end its scope on another thread. */
    private synchronized void release() {
        if (--holds <= 0) {
            holds = 0;
            holder = null;
            heldBy = null;
            notifyAll();
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public String toString() {
        return "the test's shared transaction";
    }
}

package io.dbfilter.internal.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One connection for a short run of statements on this thread, such as the rows and the count of a
 * page. Outside a transaction EclipseLink takes a connection from the pool for each statement and
 * gives it back after; under more clients than connections each of those waits in the pool's queue,
 * so a page waited twice where hand-written JDBC, which keeps its connection for both statements,
 * waits once, and its slowest requests were a third slower.
 *
 * <p>While a pin is open, a connection given back is kept instead of returned to the pool, and the
 * next one asked for is that one; closing the pin returns it. Only a connection given back, with
 * its statements done, is kept; one still in use (a transaction begun meanwhile) is never handed
 * out twice and goes back to the pool when its user gives it back.
 */
public final class Pin implements AutoCloseable {
    /** The entry per thread is kept (set null, never removed): no entry churn per page. */
    private static final ThreadLocal<Pin> OPEN = new ThreadLocal<>();
    private static final Pin NESTED = new Pin();

    private Connection kept;
    /** Where the kept connection came from: a pin never lends one source's connection for another's. */
    private DataSource keptFrom;

    private Pin() {
    }

    /**
     * Opens a pin on this thread; within one already open, a pin that does nothing.
     *
     * @return the pin, to close when the run of statements is over
     */
    public static Pin open() {
        if (OPEN.get() != null) {
            return NESTED;
        }
        var pin = new Pin();
        OPEN.set(pin);
        return pin;
    }

    /** The pin open on this thread, or null. */
    static Pin current() {
        return OPEN.get();
    }

    /** The kept connection, or a new one of {@code source}, lent until its {@code close()}. */
    Connection lend(DataSource source) throws SQLException {
        Connection connection = kept;
        kept = null;
        if (connection != null && keptFrom != source) {
            connection.close();
            connection = null;
        }
        if (connection == null) {
            connection = source.getConnection();
        }
        return new Lent(connection, source).proxy();
    }

    /** Returns the kept connection to the pool. */
    @Override
    public void close() {
        if (this == NESTED) {
            return;
        }
        OPEN.set(null);
        Connection connection = kept;
        kept = null;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // The pool evicts a connection whose return failed; the statements of the pin are done.
            }
        }
    }

    private void giveBack(Connection connection, DataSource source) throws SQLException {
        if (OPEN.get() == this && kept == null) {
            kept = connection;
            keptFrom = source;
        } else {
            connection.close();
        }
    }

    /** A lent connection: its close gives it back to the pin, once; after that it refuses work. */
    private final class Lent extends ConnectionHandler {
        private final DataSource source;
        private boolean closed;

        Lent(Connection connection, DataSource source) {
            super(connection);
            this.source = source;
        }

        @Override
        Object answer(String method, Object[] args) throws SQLException {
            switch (method) {
                case "close":
                    if (!closed) {
                        closed = true;
                        giveBack(connection, source);
                    }
                    return null;
                case "isClosed":
                    return closed || connection.isClosed();
                case "equals", "hashCode", "toString":
                    return PASS;
                default:
                    if (closed) {
                        throw new SQLException("dbfilter: this connection was closed");
                    }
                    return PASS;
            }
        }
    }
}

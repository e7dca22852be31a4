package io.dbfilter.internal.jdbc;

import io.dbfilter.internal.util.Causes;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises "the database cannot be reached" in an exception chain: the pool gave up waiting for
 * a connection (HikariCP throws SQLTransientConnectionException after {@code connectionTimeout},
 * whether the server is down or every connection is busy), or the driver lost or could not open
 * its connection (SQLState class 08). Such a request is the server's fault for a moment, not the
 * client's: it is answered 503, and the next request tries again.
 */
public final class Unavailable {
    private static final String CONNECTION_EXCEPTION_CLASS = "08";

    private Unavailable() {
    }

    /** The SQLException that says the database is unreachable, or null when the chain holds none. */
    public static SQLException cause(Throwable error) {
        return Causes.find(error, SQLException.class, Unavailable::isConnectionFailure);
    }

    private static boolean isConnectionFailure(SQLException sql) {
        return sql instanceof SQLTransientConnectionException
                || sql instanceof SQLNonTransientConnectionException
                || sql instanceof SQLRecoverableException
                || sql.getSQLState() != null && sql.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS);
    }
}

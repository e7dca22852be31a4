package io.dbfilter.internal.jdbc;

import io.dbfilter.internal.config.Key;
import io.dbfilter.internal.config.Settings;
import io.dbfilter.internal.util.Causes;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;

/**
 * Explains why the first connection to the database failed, in terms of the settings to fix.
 *
 * <p>HikariCP opens a connection when the pool starts, so a wrong URL, a stopped server or a
 * wrong password surfaces at start-up, where this turns the driver's SQLState into advice.
 */
public final class ConnectFailure {
    private ConnectFailure() {
    }

    public static IllegalStateException explain(RuntimeException failure, JdbcUrl url, Settings settings) {
        SQLException sql = Causes.find(failure, SQLException.class, any -> true);
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        String reason = sql == null ? String.valueOf(failure.getMessage()) : sql.getMessage();
        String where = settings.describe(Key.URL) + "='" + url.redacted() + "'";
        String advice;
        if (state.equals("XJ004")) {
            advice = "the Derby database " + url.derbyName() + " does not exist. Add ;create=true to the end of "
                    + where + " to create it on first start.";
        } else if (state.startsWith("28") || state.equals("08004")) {
            advice = "the database refused the credentials: check " + settings.describe(Key.USER) + "='"
                    + settings.get(Key.USER) + "' and " + settings.name(Key.PASSWORD) + " (not shown).";
        } else if (state.equals("3D000")) {
            advice = "the database named in " + where + " does not exist on that server. Create it, or fix the name.";
        } else if (sql instanceof SQLTimeoutException) {
            advice = "the database at " + where + " did not answer within the login timeout, which HikariCP"
                    + " derives from db.pool.connectionTimeout (at least 1 s). If the server is slow to start (an"
                    + " embedded Derby database boots in a second or two), raise db.pool.connectionTimeout.";
        } else if (state.startsWith("08")) {
            advice = "cannot reach the database at " + where + ". Check that the server is running and that the"
                    + " host, port and database name are right.";
        } else {
            advice = "could not open a connection with " + where + ".";
        }
        String message = "dbfilter: " + advice + " The driver said: " + reason;
        return new IllegalStateException(JdbcUrl.hide(message, settings.get(Key.PASSWORD)), failure);
    }
}

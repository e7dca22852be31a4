package io.dbfilter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.eclipse.persistence.internal.databaseaccess.DatabaseCall;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;

/**
 * Records every SQL statement EclipseLink executes on the current thread, with the number of rows
 * it fetched, so that tests can count statements and prove that pages are limited in SQL.
 * Register it with {@link #SETTING}; EclipseLink creates it by its public constructor.
 */
public class SqlLog extends SessionEventAdapter {
    /** The setting that makes a Database report its statements here. */
    static final String[] SETTING = {"eclipselink.session-event-listener", SqlLog.class.getName()};

    private static final ThreadLocal<List<Statement>> STATEMENTS = ThreadLocal.withInitial(ArrayList::new);

    /** One executed statement: its SQL, with ? for bound values, and the rows it fetched. */
    record Statement(String sql, int rows) {
        boolean isCount() {
            return sql.startsWith("SELECT COUNT(*) FROM ");
        }
    }

    /** Called by EclipseLink. */
    public SqlLog() {
    }

    @Override
    public void postExecuteCall(SessionEvent event) {
        Object call = event.getCall();
        String sql = call instanceof DatabaseCall database ? database.getSQLString() : String.valueOf(call);
        int rows = event.getResult() instanceof Collection<?> fetched ? fetched.size() : 1;
        STATEMENTS.get().add(new Statement(sql, rows));
    }

    /** Forgets what this thread executed so far. */
    static void clear() {
        STATEMENTS.get().clear();
    }

    /** What this thread executed since the last {@link #clear()}. */
    static List<Statement> statements() {
        return List.copyOf(STATEMENTS.get());
    }
}

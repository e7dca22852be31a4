package io.dbfilter;

import java.security.CodeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.persistence.internal.databaseaccess.DatabaseCall;
import org.eclipse.persistence.internal.helper.DatabaseField;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.queries.Call;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;

/**
 * Records every SQL statement that runs inside a scope of one Database, for {@code db.recordQueries}.
 *
 * <p>EclipseLink fires {@code preExecuteCall} and {@code postExecuteCall} around each statement it
 * hands to the driver (the second in a {@code finally}, so failed statements too), with the call
 * already translated: its SQL text and bound values are final. The query-level events would be
 * wrong here: they also fire for cache hits, and one query can run several statements. Start-up
 * installs this listener only when recording is on, so with it off no statement pays anything.
 */
final class QueryRecorder extends SessionEventAdapter {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final List<String> FOREIGN = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.",
            "org.eclipse.persistence.", "com.zaxxer.hikari.", "org.eclipse.jetty.");
    private static final CodeSource LIBRARY = QueryRecorder.class.getProtectionDomain().getCodeSource();

    /** When a statement started: the wall clock for the record, the monotonic clock for its duration. */
    record Start(Instant time, long nanos) {
    }

    @Override
    public void preExecuteCall(SessionEvent event) {
        Database.Scope scope = scope();
        if (scope == null) {
            return;
        }
        scope.log().running.add(new Start(Instant.now(), System.nanoTime()));
    }

    @Override
    public void postExecuteCall(SessionEvent event) {
        long ended = System.nanoTime();
        Database.Scope scope = scope();
        List<Start> running = scope == null ? List.of() : scope.log().running;
        if (running.isEmpty()) {
            return;
        }
        Start start = running.remove(running.size() - 1);
        Duration duration = Duration.ofNanos(ended - start.nanos());
        Call call = event.getCall();
        String statement = call instanceof DatabaseCall sql ? sql.getSQLString() : String.valueOf(call);
        List<Object> parameters = call instanceof DatabaseCall sql ? parameters(sql, event) : null;
        scope.log().queries.add(new RecordedQuery(statement, parameters, start.time(), start.time().plus(duration),
                duration, location()));
    }

    /** The bound values; none when binding is off, since the values are then written into the SQL text. */
    private static List<Object> parameters(DatabaseCall call, SessionEvent event) {
        if (!call.hasParameters() || !(event.getSession() instanceof AbstractSession session)
                || !call.usesBinding(session)) {
            return null;
        }
        var values = new ArrayList<Object>(call.getParameters().size());
        for (Object value : call.getParameters()) {
            // EclipseLink binds a null as the column's field, from which it takes the SQL type for setNull.
            values.add(value instanceof DatabaseField ? null : value);
        }
        return values;
    }

    /** The current thread's scope if it belongs to this recorder's Database; statements elsewhere belong to no one. */
    private Database.Scope scope() {
        Database.Scope scope = Db.current();
        return scope != null && scope.database.recorder == this ? scope : null;
    }

    /** The innermost frame of application code on the current stack, or null. */
    static StackTraceElement location() {
        return WALKER.walk(frames -> frames.filter(QueryRecorder::isApplication).findFirst()
                .map(StackWalker.StackFrame::toStackTraceElement).orElse(null));
    }

    private static boolean isApplication(StackWalker.StackFrame frame) {
        String name = frame.getClassName();
        for (String prefix : FOREIGN) {
            if (name.startsWith(prefix)) {
                return false;
            }
        }
        // Applications (and our own tests) may use the io.dbfilter package too; only the library's jar is ours.
        return !name.startsWith("io.dbfilter.")
                || !Objects.equals(frame.getDeclaringClass().getProtectionDomain().getCodeSource(), LIBRARY);
    }
}

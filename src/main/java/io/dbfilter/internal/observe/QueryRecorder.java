package io.dbfilter.internal.observe;

import io.dbfilter.internal.replica.Replicas;
import io.dbfilter.internal.scope.ScopeListener;
import io.dbfilter.internal.scope.ScopeState;
import java.security.CodeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.persistence.internal.databaseaccess.DatabaseCall;
import org.eclipse.persistence.internal.helper.DatabaseField;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.mappings.DatabaseMapping;
import org.eclipse.persistence.queries.Call;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code db.recordQueries}: records every SQL statement that runs inside a scope of one Database.
 *
 * <p>EclipseLink fires {@code preExecuteCall} and {@code postExecuteCall} around each statement it
 * hands to the driver (the second in a {@code finally}, so failed statements too), with the call
 * already translated: its SQL text and bound values are final. The query-level events would be
 * wrong here: they also fire for cache hits, and one query can run several statements. Start-up
 * installs this listener only when recording is on, so with it off no statement pays anything.
 */
public final class QueryRecorder extends SessionEventAdapter implements ScopeListener {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final List<String> FOREIGN = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "jakarta.",
            "org.eclipse.persistence.", "com.zaxxer.hikari.", "org.eclipse.jetty.");
    private static final CodeSource LIBRARY = QueryRecorder.class.getProtectionDomain().getCodeSource();

    private static final Logger LOG = LoggerFactory.getLogger("io.dbfilter.Database");

    private final int slot;
    private final int limit;
    private final Replicas replicas;

    /** What one scope keeps: the statements done, and the starts of those still running, innermost last. */
    private static final class Log {
        final List<Statement> done = new ArrayList<>();
        final List<Start> running = new ArrayList<>();
        /** Every statement that ran, kept or not. */
        int count;
    }

    /** When a statement started: the wall clock for the record, the monotonic clock for its duration. */
    private record Start(Instant time, long nanos) {
    }

    /**
     * Creates the recorder.
     *
     * @param slot     its position among the Database's listeners
     * @param limit    the most statements one scope keeps ({@code db.recordLimit})
     * @param replicas the read replicas feature, which tells which server ran a statement; null without replicas
     */
    public QueryRecorder(int slot, int limit, Replicas replicas) {
        this.slot = slot;
        this.limit = limit;
        this.replicas = replicas;
    }

    /**
     * How many statements a scope ran so far, including those past the limit.
     *
     * @param scope a scope of this recorder's Database
     * @return the count
     */
    public int count(ScopeState scope) {
        Log log = scope.slot(slot);
        return log == null ? 0 : log.count;
    }

    @Override
    public void customize(Session session) {
        session.getEventManager().addListener(this);
    }

    /**
     * The statements a scope ran so far, without copying.
     *
     * @param scope a scope of this recorder's Database
     * @return the statements in the order they ran; empty when none
     */
    public List<Statement> statements(ScopeState scope) {
        Log log = scope.slot(slot);
        return log == null ? List.of() : log.done;
    }

    @Override
    public void preExecuteCall(SessionEvent event) {
        ScopeState scope = ScopeState.of(this, slot);
        if (scope == null) {
            return;
        }
        Log log = scope.slot(slot);
        if (log == null) {
            log = new Log();
            scope.slot(slot, log);
        }
        log.running.add(new Start(Instant.now(), System.nanoTime()));
    }

    @Override
    public void postExecuteCall(SessionEvent event) {
        long ended = System.nanoTime();
        ScopeState scope = ScopeState.of(this, slot);
        Log log = scope == null ? null : scope.slot(slot);
        if (log == null || log.running.isEmpty()) {
            return;
        }
        Start start = log.running.remove(log.running.size() - 1);
        Duration duration = Duration.ofNanos(ended - start.nanos());
        Call call = event.getCall();
        if (++log.count > limit) {
            if (log.count == limit + 1) {
                // A batch job in one scope would otherwise keep every statement until it ends.
                LOG.warn("dbfilter: a scope of {} ran more than {} statements (db.recordLimit): later ones are counted"
                        + " but not recorded.", scope.engines().name(), limit);
            }
            return;
        }
        String sql = call instanceof DatabaseCall database ? database.getSQLString() : String.valueOf(call);
        List<Object> parameters = call instanceof DatabaseCall database ? parameters(database, event) : null;
        String server = replicas != null && replicas.ranOnReplica(scope, event) ? Statement.REPLICA : Statement.PRIMARY;
        log.done.add(new Statement(sql, parameters, start.time(), start.time().plus(duration), duration, location(),
                relation(call), server));
    }

    /** The relation a lazy load or batch fetch ran this statement for: its query is the mapping's. */
    private static String relation(Call call) {
        DatabaseMapping mapping = call instanceof DatabaseCall database && database.getQuery() != null
                ? database.getQuery().getSourceMapping() : null;
        if (mapping == null || mapping.getDescriptor() == null) {
            return null;
        }
        return mapping.getDescriptor().getJavaClass().getSimpleName() + "." + mapping.getAttributeName();
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

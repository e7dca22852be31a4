package io.dbfilter;

import io.dbfilter.internal.observe.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One SQL statement that ran inside a scope, as recorded with {@code db.recordQueries=true} and
 * returned by {@link Db#recordedQueries()}, like a record of Flask-SQLAlchemy's
 * {@code get_recorded_queries()}.
 *
 * <p>The time runs from just before EclipseLink hands the statement to the JDBC driver until it
 * has it back, with the rows of a SELECT read; a statement that failed is recorded too.
 *
 * @param statement  the SQL text as sent to the database, with {@code ?} where values are bound
 * @param parameters the bound values in order, as EclipseLink passed them to the driver (a
 *                   {@code java.time} value may arrive as its JDBC type); empty when none are bound.
 *                   They can hold personal data: do not log them in production
 * @param startTime  when the statement started
 * @param endTime    when it ended
 * @param duration   how long it took, measured with {@link System#nanoTime()}
 * @param location   the first stack frame in application code that ran it (outside the JDK, Jakarta
 *                   APIs, EclipseLink, HikariCP, Jetty and dbfilter), or null when there is none
 * @param server     which server ran it: {@code "primary"}, or {@code "replica"} for a read that the
 *                   bind's read replica served ({@code db.replica.url}; see docs/replicas.md)
 * @since 0.1
 */
public record RecordedQuery(String statement, List<Object> parameters, Instant startTime, Instant endTime,
        Duration duration, StackTraceElement location, String server) {
    /**
     * Checks and copies the parts; a null parameter value is kept.
     *
     * @param statement  the SQL text
     * @param parameters the bound values
     * @param startTime  when the statement started
     * @param endTime    when it ended
     * @param duration   how long it took
     * @param location   the application frame that ran it, or null
     * @param server     {@code "primary"} or {@code "replica"}
     */
    public RecordedQuery {
        if (statement == null || startTime == null || endTime == null || duration == null) {
            throw new IllegalArgumentException("dbfilter: a RecordedQuery needs a statement, start and end times"
                    + " and a duration.");
        }
        if (!Statement.PRIMARY.equals(server) && !Statement.REPLICA.equals(server)) {
            throw new IllegalArgumentException("dbfilter: a RecordedQuery's server is \"primary\" or \"replica\", not "
                    + (server == null ? "null" : "\"" + server + "\"") + ".");
        }
        // Not List.copyOf: a bound SQL NULL is a null element.
        parameters = parameters == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(parameters));
    }

    /**
     * A statement the primary ran, as recorded before read replicas came.
     *
     * @param statement  the SQL text
     * @param parameters the bound values
     * @param startTime  when the statement started
     * @param endTime    when it ended
     * @param duration   how long it took
     * @param location   the application frame that ran it, or null
     */
    public RecordedQuery(String statement, List<Object> parameters, Instant startTime, Instant endTime,
            Duration duration, StackTraceElement location) {
        this(statement, parameters, startTime, endTime, duration, location, Statement.PRIMARY);
    }

    /**
     * Whether the bind's read replica ran it.
     *
     * @return true when {@link #server()} is {@code "replica"}
     */
    public boolean onReplica() {
        return Statement.REPLICA.equals(server);
    }

    /** The API's view of a statement the recorder kept. */
    static RecordedQuery of(Statement statement) {
        return new RecordedQuery(statement.sql(), statement.parameters(), statement.startTime(),
                statement.endTime(), statement.duration(), statement.location(), statement.server());
    }
}

package io.dbfilter.internal.observe;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One statement that {@link QueryRecorder} recorded; the API hands it out as a {@code RecordedQuery}.
 *
 * @param sql        the SQL text as sent, with {@code ?} where values are bound
 * @param parameters the bound values, or null when none are bound
 * @param startTime  when it started
 * @param endTime    when it ended
 * @param duration   how long it took, from the monotonic clock
 * @param location   the first application frame that ran it, or null
 * @param relation   the entity field whose load ran it ({@code BlogPost.author}), or null for any other
 *                   statement
 * @param server     {@code primary}, or {@code replica} for a read the bind's replica served
 */
public record Statement(String sql, List<Object> parameters, Instant startTime, Instant endTime,
        Duration duration, StackTraceElement location, String relation, String server) {
    /** The server of every statement of a bind without a replica, and of every write. */
    public static final String PRIMARY = "primary";
    /** The server of a read that a bind's replica served. */
    public static final String REPLICA = "replica";

    /**
     * Whether a replica served it.
     *
     * @return true for the replica
     */
    public boolean onReplica() {
        return REPLICA.equals(server);
    }
}

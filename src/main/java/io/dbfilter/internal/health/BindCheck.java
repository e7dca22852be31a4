package io.dbfilter.internal.health;

/**
 * One bind's answer to a health check.
 *
 * @param bind    the bind's name, or null for the default bind
 * @param pool    the pool's name, as HikariCP's log lines and meters name it
 * @param up      whether a connection was handed out and answered within the timeout
 * @param millis  how long that took, or the time waited when it did not
 * @param active  connections in use
 * @param idle    connections waiting in the pool
 * @param total   connections open
 * @param waiting threads waiting for a connection
 * @param maximum the pool's {@code maximumPoolSize}
 * @param error   why the bind is down, without the URL or its password; null when up
 * @param replica the bind's read replica: {@code UP} while it serves reads, {@code SKIPPED} while reads
 *                go to the primary (down, or lagging past {@code db.replica.maxLag}); null without one
 * @param lag     the replica's replay lag at its last check, in milliseconds, or -1 when none was read
 */
public record BindCheck(String bind, String pool, boolean up, long millis, int active, int idle, int total,
        int waiting, int maximum, String error, String replica, long lag) {
}

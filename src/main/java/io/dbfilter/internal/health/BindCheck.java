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
 */
public record BindCheck(String bind, String pool, boolean up, long millis, int active, int idle, int total,
        int waiting, int maximum, String error) {
}

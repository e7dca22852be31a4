package io.dbfilter;

import io.dbfilter.internal.health.BindCheck;
import io.dbfilter.internal.health.HealthJson;
import java.time.Duration;
import java.util.List;

/**
 * What {@link Database#health()} found: for each bind, whether its pool handed out a connection
 * that answered a validity check within {@code db.healthTimeout}, and the pool's figures. The
 * Database is up when every bind is.
 *
 * <p>{@link #toJson()} is the body {@link HealthServlet} answers with. It names no URL, user or
 * password; an error is the driver's or the pool's message with any password in it hidden.
 *
 * @since 0.1
 */
public final class Health {
    private final String database;
    private final List<BindCheck> checks;
    private final List<Check> binds;

    private Health(String database, List<BindCheck> checks) {
        this.database = database;
        this.checks = checks;
        this.binds = checks.stream().map(check -> new Check(check.bind(), check.pool(), check.up(),
                Duration.ofMillis(check.millis()), check.active(), check.idle(), check.total(), check.waiting(),
                check.maximum(), check.error(), check.replica())).toList();
    }

    static Health of(String database, List<BindCheck> checks) {
        return new Health(database, checks);
    }

    /**
     * One bind's answer.
     *
     * @param bind    the bind's name, or null for the default bind
     * @param pool    the pool's name: the Database's name for the default bind, {@code <name>-<bind>}
     *                for another; HikariCP's log lines and meters use it
     * @param up      whether a connection was handed out and answered within the timeout
     * @param took    how long that took, or how long the check waited when it did not
     * @param active  connections in use
     * @param idle    connections waiting in the pool
     * @param total   connections open
     * @param waiting threads waiting for a connection
     * @param maximum the pool's {@code maximumPoolSize}
     * @param error   why the bind is down, null when it is up
     * @param replica the bind's read replica ({@code db.replica.url}): {@code "UP"} while it serves
     *                reads, {@code "SKIPPED"} while they go to the primary because it cannot be reached
     *                or lags past {@code db.replica.maxLag}; null for a bind without one. A skipped
     *                replica leaves the bind up
     * @since 0.1
     */
    public record Check(String bind, String pool, boolean up, Duration took, int active, int idle, int total,
            int waiting, int maximum, String error, String replica) {
        /**
         * One bind's answer, for a bind without a read replica.
         *
         * @param bind    the bind's name, or null for the default bind
         * @param pool    the pool's name
         * @param up      whether a connection was handed out and answered within the timeout
         * @param took    how long that took
         * @param active  connections in use
         * @param idle    connections waiting in the pool
         * @param total   connections open
         * @param waiting threads waiting for a connection
         * @param maximum the pool's {@code maximumPoolSize}
         * @param error   why the bind is down, null when it is up
         */
        public Check(String bind, String pool, boolean up, Duration took, int active, int idle, int total,
                int waiting, int maximum, String error) {
            this(bind, pool, up, took, active, idle, total, waiting, maximum, error, null);
        }
    }

    /**
     * Whether every bind is up.
     *
     * @return true when every bind answered within the timeout
     */
    public boolean isUp() {
        return binds.stream().allMatch(Check::up);
    }

    /**
     * Each bind's answer, the default bind first, then the binds in {@code db.binds} order.
     *
     * @return the answers
     */
    public List<Check> binds() {
        return binds;
    }

    /**
     * The answer as a small JSON object, for a load balancer or a readiness probe:
     * <pre>{@code {"status":"UP","database":"dbfilter-1","binds":[{"bind":"default","pool":"dbfilter-1",
     * "status":"UP","millis":2,"active":0,"idle":1,"total":1,"waiting":0,"maximum":10}]}}</pre>
     * A bind that is down has {@code "status":"DOWN"} and an {@code "error"}.
     *
     * @return the JSON text
     */
    public String toJson() {
        return HealthJson.of(database, checks);
    }

    @Override
    public String toString() {
        return toJson();
    }
}

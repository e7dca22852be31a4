package io.dbfilter.internal.health;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.dbfilter.internal.config.Key;
import io.dbfilter.internal.jdbc.JdbcUrl;
import io.dbfilter.internal.jdbc.ReplicaHealth;
import io.dbfilter.internal.scope.Engine;
import io.dbfilter.internal.scope.Engines;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks every bind of a Database at once: a connection from the bind's pool that answers
 * {@code isValid}, within {@code db.healthTimeout}. The pool is asked, not the driver, because a
 * pool that cannot hand out a connection fails the requests as surely as a database that is down.
 *
 * <p>The connection is taken on a thread of the check's own, so that the caller gets its answer
 * when the timeout passes even while the pool still waits (up to its {@code connectionTimeout}).
 * A bind has at most one such wait in flight: a check that finds one still running waits for it
 * rather than starting another, so a load balancer probing a dead database every second piles up
 * no threads.
 */
public final class HealthCheck {
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        var thread = new Thread(task, "dbfilter health check");
        thread.setDaemon(true);
        return thread;
    });

    private final Engines engines;
    private final long timeoutMillis;
    private final Future<?>[] running;

    /**
     * Creates the check of one Database.
     *
     * @param engines the Database
     */
    public HealthCheck(Engines engines) {
        this.engines = engines;
        this.timeoutMillis = engines.engine(0).settings().count(Key.HEALTH_TIMEOUT);
        this.running = new Future<?>[engines.size()];
    }

    /**
     * Checks every bind, in parallel, within the timeout.
     *
     * @return one answer per bind, the default bind first
     */
    public List<BindCheck> run() {
        long begun = System.nanoTime();
        long deadline = begun + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        var started = new ArrayList<Future<?>>();
        for (int i = 0; i < engines.size(); i++) {
            started.add(start(i));
        }
        var checks = new ArrayList<BindCheck>();
        for (int i = 0; i < engines.size(); i++) {
            checks.add(await(engines.engine(i), started.get(i), begun, deadline));
        }
        return List.copyOf(checks);
    }

    private Future<?> start(int index) {
        synchronized (running) {
            Future<?> current = running[index];
            if (current == null || current.isDone()) {
                Engine engine = engines.engine(index);
                current = THREADS.submit(() -> {
                    validate(engine.dataSource());
                    return null;
                });
                running[index] = current;
            }
            return current;
        }
    }

    private void validate(HikariDataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            if (!connection.isValid((int) Math.max(1, TimeUnit.MILLISECONDS.toSeconds(timeoutMillis + 999)))) {
                throw new SQLException("the connection did not answer Connection.isValid", "08000");
            }
        }
    }

    private BindCheck await(Engine engine, Future<?> check, long begun, long deadline) {
        String error = null;
        if (engines.isClosed()) {
            error = "the Database is closed";
        } else {
            try {
                check.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                error = "no connection within db.healthTimeout=" + timeoutMillis + " ms";
            } catch (ExecutionException e) {
                error = describe(engine, e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted while waiting for a connection";
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun);
        HikariDataSource pool = engine.dataSource();
        HikariPoolMXBean figures = pool.getHikariPoolMXBean();
        // A replica that is skipped leaves the bind up: its reads go to the primary meanwhile.
        ReplicaHealth replica = engine.replica() == null ? null : engine.replica().health();
        String replicaState = replica == null ? null : replica.usable() ? "UP" : "SKIPPED";
        long lag = replica == null ? -1 : replica.lastLagMillis();
        if (figures == null) {
            return new BindCheck(engine.bind(), engine.name(), false, millis, 0, 0, 0, 0,
                    pool.getMaximumPoolSize(), error != null ? error : "the pool is closed", replicaState, lag);
        }
        return new BindCheck(engine.bind(), engine.name(), error == null, millis, figures.getActiveConnections(),
                figures.getIdleConnections(), figures.getTotalConnections(), figures.getThreadsAwaitingConnection(),
                pool.getMaximumPoolSize(), error, replicaState, lag);
    }

    /** The failure in one line, with any password hidden: a health body may be read by anyone who can reach it. */
    private static String describe(Engine engine, Throwable failure) {
        String message = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (failure instanceof SQLException sql && sql.getSQLState() != null) {
            message += " (SQLState " + sql.getSQLState() + ")";
        }
        message = JdbcUrl.redact(message);
        String password = engine.settings().get(Key.PASSWORD);
        return password == null ? message : message.replace(password, "****");
    }
}

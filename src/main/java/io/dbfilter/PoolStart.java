package io.dbfilter;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A bind's pool, opening its first connection on a thread of its own while the caller has
 * EclipseLink read the entity classes, which needs no connection. The two are the slowest steps
 * of a start and take about as long: an embedded Derby database boots, or is created, in about
 * half a second, and EclipseLink's metadata takes a third of one. On two cores they overlap.
 */
final class PoolStart {
    final HikariDataSource pool;
    private final FutureTask<Void> connecting;

    /** Starts connecting; {@code config} is already checked ({@link PoolSettings#config}). */
    PoolStart(HikariConfig config) {
        // Made empty, a HikariDataSource starts its pool at the first getConnection(), on the thread that asks.
        pool = new HikariDataSource();
        config.copyStateTo(pool);
        connecting = new FutureTask<>(() -> {
            pool.getConnection().close();
            return null;
        });
        var thread = new Thread(connecting, config.getPoolName() + " connecting");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits for the first connection. A failure is thrown as the eager constructor
     * {@code new HikariDataSource(config)} throws it, for {@link ConnectFailure} to explain, and
     * leaves the pool closed. The wait ignores interrupts, as that constructor does (it is bounded
     * by the pool's connection timeout), and keeps them for the caller: closing the pool while the
     * other thread still starts it would leave that pool running.
     */
    void await() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    connecting.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            pool.close();
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            // A lazy start throws the driver's SQLException itself where the constructor wraps it.
            throw new PoolInitializationException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

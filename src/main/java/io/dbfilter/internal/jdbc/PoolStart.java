package io.dbfilter.internal.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import javax.sql.DataSource;

/**
 * A bind's pool, started (and its first connection opened) on a thread of its own while the
 * caller has EclipseLink read the entity classes, which needs no connection. The two are the
 * slowest steps of a start and take about as long: an embedded Derby database boots, or is
 * created, in about half a second, and EclipseLink's metadata takes a third of one. On two cores
 * they overlap. EclipseLink asks for the pool only when it logs in (see {@code UnitInfo}).
 */
public final class PoolStart {
    private final FutureTask<HikariDataSource> starting;
    private final boolean failFast;
    private final DataSourceWrapper wrapper;
    private OutageGuard guard;
    private DataSource under;
    private ConnectionSwitch handed;

    /**
     * Starts the pool; {@code config} is already checked (by {@code PoolSettings.config}).
     *
     * @param config   the pool's configuration
     * @param failFast whether EclipseLink gets the pool behind an {@link OutageGuard}
     * @param wrapper  what wraps it for EclipseLink ({@code db.dataSourceWrapper}), or null
     */
    public PoolStart(HikariConfig config, boolean failFast, DataSourceWrapper wrapper) {
        this.failFast = failFast;
        this.wrapper = wrapper;
        // The eager constructor connects, and keeps HikariCP's fast path for every later getConnection().
        starting = new FutureTask<>(() -> new HikariDataSource(config));
        var thread = new Thread(starting, config.getPoolName() + " connecting");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits for the pool and returns it, or throws what {@code new HikariDataSource(config)}
     * threw, for {@link ConnectFailure} to explain. The wait ignores interrupts, as that
     * constructor does (it is bounded by the pool's connection timeout), and keeps them for the
     * caller: giving up on a pool that the other thread still starts would leave it running.
     */
    public HikariDataSource await() {
        return started();
    }

    /**
     * What EclipseLink connects through: a {@link ConnectionSwitch} in front of the pool, behind an
     * {@link OutageGuard} unless fail-fast is off, around the pool as the application's
     * {@code db.dataSourceWrapper} wrapped it. Waits for the pool as {@link #await()} does; the same
     * object on every call.
     *
     * @return the DataSource for EclipseLink
     */
    public synchronized ConnectionSwitch forEclipseLink() {
        if (handed == null) {
            HikariDataSource pool = started();
            // The application's wrapper (tracing, say) sees the pool and every real attempt; the guard
            // answers before it while the database is down.
            DataSource source = wrapper == null ? pool : wrapper.wrap(pool);
            guard = failFast ? new OutageGuard(pool, source) : null;
            under = guard != null ? guard : source;
            handed = ConnectionSwitch.over(pool, under);
        }
        return handed;
    }

    /**
     * What EclipseLink's sequencing connection takes: the same as {@link #forEclipseLink()} but for
     * the switch, so that a block of ids is committed at once even while a test redirects the bind.
     *
     * @return the DataSource for the sequencing connection
     */
    public synchronized DataSource forSequencing() {
        forEclipseLink();
        return under;
    }

    /**
     * The fail-fast guard between EclipseLink and the pool.
     *
     * @return the guard, or null when {@code db.failFast} is off
     */
    public synchronized OutageGuard guard() {
        forEclipseLink();
        return guard;
    }

    private HikariDataSource started() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return starting.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

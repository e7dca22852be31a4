package io.dbfilter.internal.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.WeakHashMap;
import javax.sql.DataSource;

/**
 * Where EclipseLink takes a bind's connections from: normally what lies under it (the fail-fast
 * guard, the application's {@code db.dataSourceWrapper}, the pool); while a test harness has
 * redirected it, a source of the harness's. dbfilter-test points it at one connection held inside
 * a transaction that the test rolls back, so that every scope of the test, on any thread, works in
 * that transaction.
 *
 * <p>EclipseLink's sequencing connection does not come through here (see {@code UnitInfo}): a block
 * of ids it takes is committed at once, as in production, so rolling a test back never hands the
 * same ids out twice.
 *
 * <p>This class is shared with dbfilter-test, which is released with the library; it is not API.
 */
public final class ConnectionSwitch extends ForwardingDataSource {
    /** Weak both ways: the switch reaches its pool, and a stopped Database must leave nothing behind. */
    private static final Map<HikariDataSource, WeakReference<ConnectionSwitch>> BY_POOL = new WeakHashMap<>();

    private final DataSource normal;
    private volatile DataSource redirected;

    private ConnectionSwitch(DataSource normal) {
        super(normal);
        this.normal = normal;
    }

    /** The switch over {@code normal}, found again later by its pool. */
    static ConnectionSwitch over(HikariDataSource pool, DataSource normal) {
        var made = new ConnectionSwitch(normal);
        synchronized (BY_POOL) {
            BY_POOL.put(pool, new WeakReference<>(made));
        }
        return made;
    }

    /**
     * The switch in front of a bind's pool.
     *
     * @param pool what {@code Database.dataSource(bind)} returns
     * @return its switch
     * @throws IllegalArgumentException when {@code pool} is not a started bind's pool
     */
    public static ConnectionSwitch of(DataSource pool) {
        WeakReference<ConnectionSwitch> found;
        synchronized (BY_POOL) {
            found = pool instanceof HikariDataSource hikari ? BY_POOL.get(hikari) : null;
        }
        ConnectionSwitch connectionSwitch = found == null ? null : found.get();
        if (connectionSwitch == null) {
            throw new IllegalArgumentException("dbfilter: " + pool + " is not the pool of a started Database");
        }
        return connectionSwitch;
    }

    /**
     * What connections come from when nothing is redirected: the guard, the wrapper, the pool.
     *
     * @return the normal source
     */
    public DataSource normal() {
        return normal;
    }

    /**
     * Sends every later {@link #getConnection()} to {@code source}, until {@link #restore()}.
     *
     * @param source where EclipseLink's connections come from meanwhile
     * @throws IllegalStateException when already redirected
     */
    public synchronized void redirect(DataSource source) {
        if (redirected != null) {
            throw new IllegalStateException("dbfilter: this bind's connections are already redirected to "
                    + redirected + "; restore() first");
        }
        redirected = source;
    }

    /** Sends connections to the normal source again; connections handed out meanwhile are the harness's. */
    public synchronized void restore() {
        redirected = null;
    }

    /**
     * Whether connections currently come from a harness's source.
     *
     * @return true between {@link #redirect} and {@link #restore}
     */
    public boolean isRedirected() {
        return redirected != null;
    }

    private DataSource current() {
        DataSource source = redirected;
        return source != null ? source : normal;
    }

    /**
     * The thread's connection: inside a {@link Pin}, the one given back to it; when {@link SingleUpdate}
     * armed the thread, without its transaction's demarcation. A harness's connection gets neither: it
     * lives inside the test's transaction.
     */
    @Override
    public Connection getConnection() throws SQLException {
        boolean single = SingleUpdate.take();
        DataSource source = redirected;
        if (source != null) {
            return source.getConnection();
        }
        Pin pin = Pin.current();
        Connection connection = pin == null ? normal.getConnection() : pin.lend(normal);
        return single ? SingleUpdate.around(connection) : connection;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return current().getConnection(username, password);
    }
}

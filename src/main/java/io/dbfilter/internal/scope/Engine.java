package io.dbfilter.internal.scope;

import com.zaxxer.hikari.HikariDataSource;
import io.dbfilter.internal.config.Key;
import io.dbfilter.internal.config.Settings;
import io.dbfilter.internal.eclipselink.EclipseLinkLog;
import io.dbfilter.internal.eclipselink.SchemaGaps;
import io.dbfilter.internal.jdbc.EmbeddedDerby;
import io.dbfilter.internal.jdbc.JdbcUrl;
import io.dbfilter.internal.jdbc.OutageGuard;
import io.dbfilter.internal.jdbc.ReplicaRouter;
import io.dbfilter.internal.util.Closer;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.SchemaValidationException;
import java.util.List;
import org.eclipse.persistence.jpa.JpaEntityManagerFactory;

/**
 * One bind of a Database, as SQLAlchemy calls its per-bind object: the pool, the EclipseLink
 * factory over it with that bind's entities, and the settings they were built from.
 *
 * @param bind       the name in {@code db.binds}, or null for the default bind
 * @param name       unique in the JVM; names the pool and the EclipseLink session
 * @param url        the checked JDBC URL
 * @param settings   the bind's view of the settings
 * @param dataSource the bind's pool
 * @param guard      the fail-fast guard between EclipseLink and the pool, or null when it is off
 * @param factory    the bind's EclipseLink factory, logged in
 * @param replica    the router between the bind's replica and its primary, or null when it has none
 */
public record Engine(String bind, String name, JdbcUrl url, Settings settings, HikariDataSource dataSource,
        OutageGuard guard, EntityManagerFactory factory, ReplicaRouter replica) {

    /** Creates the missing tables and checks the catalog: EclipseLink only logs a failed CREATE. */
    public void createAll() {
        var schema = factory.getSchemaManager();
        var log = factory.unwrap(JpaEntityManagerFactory.class).getServerSession().getSessionLog();
        if (log instanceof EclipseLinkLog ours) {
            ours.takeLastFailure();
        }
        schema.create(true);
        try {
            schema.validate();
        } catch (SchemaValidationException e) {
            List<String> gaps = SchemaGaps.of(e);
            if (gaps.isEmpty()) {
                return;
            }
            String failures = String.join("; ", gaps);
            String cause = log instanceof EclipseLinkLog ours ? ours.takeLastFailure() : null;
            throw new IllegalStateException("dbfilter: createAll() could not create every table of " + this + ": "
                    + failures + (cause == null ? "" : ". The database said: " + cause)
                    + ". Set " + settings.name(Key.ECHO) + "=true to see the DDL statements.", e);
        }
    }

    /** Drops the tables of this bind's entities. */
    public void dropAll() {
        factory.getSchemaManager().drop(true);
    }

    /**
     * Closes the factory, then the pool, then shuts down an embedded Derby database no other
     * Database uses; every step runs even when an earlier one fails.
     */
    public void close() {
        Closer closer = closer(url, settings, dataSource, guard, factory);
        if (replica != null) {
            // Added last, so closed first: the factory stops using it before the primary's pool goes.
            closer.add(replica::close);
        }
        closer.close();
    }

    /**
     * What closes a bind, newest first, for a start that failed half-way as for {@link #close()}.
     *
     * @param url        the bind's URL
     * @param settings   the bind's settings, for Derby's credentials
     * @param dataSource the started pool
     * @param guard      the fail-fast guard, or null
     * @param factory    the factory, or null when it was not made
     * @return the closer
     */
    public static Closer closer(JdbcUrl url, Settings settings, HikariDataSource dataSource, OutageGuard guard,
            EntityManagerFactory factory) {
        var closer = new Closer();
        if (url.isEmbeddedDerby()) {
            closer.add(() -> EmbeddedDerby.closed(url, settings.get(Key.USER), settings.get(Key.PASSWORD)));
        }
        closer.add(dataSource::close);
        if (guard != null) {
            closer.add(guard::close);
        }
        if (factory != null) {
            closer.add(factory::close);
        }
        return closer;
    }

    /**
     * The entity names this bind maps, sorted.
     *
     * @return the names, for the start-up log line
     */
    public List<String> entityNames() {
        return factory.getMetamodel().getEntities().stream().map(type -> type.getName()).sorted().toList();
    }

    /** How messages name this bind: {@code dbfilter-1}, or {@code bind 'analytics' (dbfilter-1-analytics)}. */
    @Override
    public String toString() {
        return bind == null ? name : "bind '" + bind + "' (" + name + ")";
    }
}

package io.dbfilter;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.SchemaValidationException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.persistence.jpa.JpaEntityManagerFactory;

/**
 * One bind of a {@link Database}, as SQLAlchemy calls its per-bind object: the pool, the
 * EclipseLink factory over it with that bind's entities, and the settings they were built from.
 */
final class Engine {
    /** The name in {@code db.binds}, or null for the default bind. */
    final String bind;
    /** Unique in the JVM; names the pool and the EclipseLink session. */
    final String name;
    final JdbcUrl url;
    final Settings settings;
    final HikariDataSource dataSource;
    final EntityManagerFactory factory;

    Engine(String bind, String name, JdbcUrl url, Settings settings, HikariDataSource dataSource,
            EntityManagerFactory factory) {
        this.bind = bind;
        this.name = name;
        this.url = url;
        this.settings = settings;
        this.dataSource = dataSource;
        this.factory = factory;
    }

    /** See {@link Database#createAll()}. */
    void createAll() {
        var schema = factory.getSchemaManager();
        var log = factory.unwrap(JpaEntityManagerFactory.class).getServerSession().getSessionLog();
        if (log instanceof EclipseLinkLog ours) {
            ours.takeLastFailure();
        }
        schema.create(true);
        try {
            schema.validate();
        } catch (SchemaValidationException e) {
            String failures = Arrays.stream(e.getFailures()).map(Exception::getMessage)
                    .collect(Collectors.joining("; "));
            String cause = log instanceof EclipseLinkLog ours ? ours.takeLastFailure() : null;
            throw new IllegalStateException("dbfilter: createAll() could not create every table of " + this + ": "
                    + failures + (cause == null ? "" : ". The database said: " + cause)
                    + ". Set " + settings.name(Settings.ECHO) + "=true to see the DDL statements.", e);
        }
    }

    void dropAll() {
        factory.getSchemaManager().drop(true);
    }

    boolean createAllOnStart() {
        return settings.flag(Settings.CREATE_ALL, true);
    }

    /** Closes the factory and the pool, and shuts down an embedded Derby database no other Database uses. */
    void close() {
        try {
            factory.close();
        } finally {
            dataSource.close();
            if (url.isEmbeddedDerby()) {
                EmbeddedDerby.closed(url, settings.get(Settings.USER), settings.get(Settings.PASSWORD));
            }
        }
    }

    List<String> entityNames() {
        return factory.getMetamodel().getEntities().stream().map(type -> type.getName()).sorted().toList();
    }

    /** How messages name this bind: {@code dbfilter-1}, or {@code bind 'analytics' (dbfilter-1-analytics)}. */
    @Override
    public String toString() {
        return bind == null ? name : "bind '" + bind + "' (" + name + ")";
    }
}

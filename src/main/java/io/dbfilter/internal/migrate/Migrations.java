package io.dbfilter.internal.migrate;

import io.dbfilter.internal.config.Key;
import io.dbfilter.internal.config.Settings;
import io.dbfilter.internal.jdbc.JdbcUrl;
import io.dbfilter.internal.scope.Engine;
import io.dbfilter.internal.scope.Engines;
import io.dbfilter.internal.scope.ScopeListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Brings every bind's schema up to date when the Database starts, before it serves anything:
 * Flyway's migrations for each bind with {@code db.migrate} on, then the schema check for each
 * bind with {@code db.validateSchema} on (the default when it migrates). What fails here fails
 * the start, and start-up closes every pool.
 *
 * <p>Migrations replace {@code createAll} for their bind, so both on is a settings error. Flyway
 * and the Flyway module of each migrating bind's database are looked for before any pool starts,
 * so a missing jar is reported as cheaply as a typo.
 */
public final class Migrations implements ScopeListener {
    static final String FLYWAY = "org.flywaydb.core.Flyway";
    private static final String FOLDER = "db/migration";
    /** Per JDBC subprotocol, a class of the Flyway module that supports it, and that module's artifact. */
    private static final Map<String, String[]> MODULES = Map.of(
            "postgresql", new String[] {"org.flywaydb.database.postgresql.PostgreSQLDatabaseType",
                "org.flywaydb:flyway-database-postgresql"},
            "mariadb", new String[] {"org.flywaydb.database.mysql.MySQLDatabaseType", "org.flywaydb:flyway-mysql"},
            "mysql", new String[] {"org.flywaydb.database.mysql.MySQLDatabaseType", "org.flywaydb:flyway-mysql"},
            "derby", new String[] {"org.flywaydb.database.derby.DerbyDatabaseType",
                "org.flywaydb:flyway-database-derby"});

    private final ClassLoader loader;

    private Migrations(ClassLoader loader) {
        this.loader = loader;
    }

    /**
     * The feature for these settings, checked.
     *
     * @param settings the Database's settings
     * @param loader   where the migration scripts are found: the application's class loader
     * @return the feature, or null when no bind migrates or checks its schema
     * @throws IllegalArgumentException when a bind asks for migrations and createAll, or when
     *                                  Flyway or its module for a bind's database is missing
     */
    public static Migrations of(Settings settings, ClassLoader loader) {
        var views = new ArrayList<Settings>();
        views.add(settings);
        settings.binds().forEach(bind -> views.add(settings.bind(bind)));
        boolean any = false;
        for (Settings view : views) {
            checkConflicts(view);
            any |= migrates(view) || validates(view);
        }
        if (!any) {
            return null;
        }
        for (Settings view : views) {
            if (migrates(view)) {
                requireFlyway(view);
            }
        }
        return new Migrations(loader);
    }

    /** Migrates, then checks, each bind in bind order; the first failure stops the start. */
    @Override
    public void started(Engines engines) {
        boolean hasBinds = engines.size() > 1;
        for (int i = 0; i < engines.size(); i++) {
            Engine engine = engines.engine(i);
            List<String> locations = locations(engine.settings(), hasBinds);
            if (migrates(engine.settings())) {
                FlywayRun.migrate(engine, locations, loader);
            }
            if (validates(engine.settings())) {
                SchemaCheck.check(engine, migrates(engine.settings()) ? locations : null);
            }
        }
    }

    private static boolean migrates(Settings bind) {
        return bind.flag(Key.MIGRATE);
    }

    private static boolean validates(Settings bind) {
        return bind.isGiven(Key.VALIDATE_SCHEMA) ? bind.flag(Key.VALIDATE_SCHEMA) : migrates(bind);
    }

    /**
     * Where a bind's migrations are: {@code db.migrate.locations}, or by default {@code db/migration}
     * on the class path for the default bind and {@code db/migration/<bind>} for a bind.
     */
    static List<String> locations(Settings bind, boolean hasBinds) {
        List<String> given = bind.list(Key.MIGRATE_LOCATIONS);
        if (!given.isEmpty()) {
            return given;
        }
        if (bind.bindName() != null) {
            return List.of("classpath:" + FOLDER + "/" + bind.bindName());
        }
        // Flyway reads a folder with its sub-folders, where the binds keep their own scripts.
        return List.of("classpath:" + FOLDER + (hasBinds ? "/*.sql" : ""));
    }

    private static void checkConflicts(Settings bind) {
        String which = bind.bindName() == null ? "the default bind" : "the bind '" + bind.bindName() + "'";
        if (migrates(bind) && bind.isGiven(Key.CREATE_ALL) && bind.flag(Key.CREATE_ALL)) {
            throw new IllegalArgumentException("dbfilter: " + bind.describe(Key.MIGRATE) + " and "
                    + bind.describe(Key.CREATE_ALL) + " are both true for " + which + ", but migrations replace"
                    + " createAll: the scripts create the tables. Set " + bind.name(Key.CREATE_ALL)
                    + "=false (or remove it), or turn " + bind.name(Key.MIGRATE) + " off.");
        }
        if (!migrates(bind) && bind.isGiven(Key.VALIDATE_SCHEMA) && bind.flag(Key.VALIDATE_SCHEMA)
                && bind.flag(Key.CREATE_ALL)) {
            throw new IllegalArgumentException("dbfilter: " + bind.describe(Key.VALIDATE_SCHEMA) + " checks the"
                    + " schema of " + which + " at start-up, before createAll runs, and createAll checks the tables"
                    + " it creates itself. Set " + bind.name(Key.CREATE_ALL) + "=false when something else creates"
                    + " the tables, or remove " + bind.name(Key.VALIDATE_SCHEMA) + ".");
        }
    }

    private static void requireFlyway(Settings bind) {
        String url = bind.get(Key.URL);
        String database = url == null ? "derby" : JdbcUrl.parse(url, bind.describe(Key.URL)).database();
        String[] module = MODULES.get(database);
        Class<?> flyway = find(FLYWAY, Migrations.class.getClassLoader());
        if (flyway == null) {
            throw new IllegalArgumentException("dbfilter: " + bind.describe(Key.MIGRATE) + " is true, but Flyway is"
                    + " not on the class path. Add org.flywaydb:flyway-core 12.4.0" + (module == null ? ""
                            : " and " + module[1] + " 12.4.0") + " to the application's dependencies (WEB-INF/lib in"
                    + " a war), or set " + bind.name(Key.MIGRATE) + "=false.");
        }
        // Flyway finds its database modules with its own class loader.
        if (module != null && find(module[0], flyway.getClassLoader()) == null) {
            throw new IllegalArgumentException("dbfilter: " + bind.describe(Key.MIGRATE) + " is true and "
                    + bind.describe(Key.URL) + " names a " + database + " database, but Flyway's module for it is"
                    + " not on the class path. Add " + module[1] + " 12.4.0 (the version of flyway-core) to the"
                    + " application's dependencies, or set " + bind.name(Key.MIGRATE) + "=false.");
        }
        // On a module path dbfilter is a named module that does not require Flyway (it is optional
        // and has no module name): read it now. On a class path both are unnamed and this does nothing.
        Migrations.class.getModule().addReads(flyway.getModule());
    }

    private static Class<?> find(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}

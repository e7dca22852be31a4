package io.dbfilter.internal.migrate;

import io.dbfilter.internal.config.Key;
import io.dbfilter.internal.scope.Engine;
import io.dbfilter.internal.util.Causes;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Flyway migration of one bind, on the bind's own pool. The only class that names Flyway's
 * types: {@link Migrations} loads it only once Flyway is known to be on the class path.
 *
 * <p>Flyway's lock (an advisory lock on PostgreSQL, a named lock on MariaDB, a table lock on
 * Derby) makes nodes that start at once apply each migration once: the others wait, then find it
 * applied. It also watches which script failed, so that the error names the file.
 */
final class FlywayRun implements Callback {
    private static final Logger LOG = LoggerFactory.getLogger("io.dbfilter.Database");

    private volatile String failed;

    private FlywayRun() {
    }

    static void migrate(Engine engine, List<String> locations, ClassLoader loader) {
        long begun = System.nanoTime();
        var run = new FlywayRun();
        MigrateResult result;
        try {
            var configuration = Flyway.configure(loader).dataSource(engine.dataSource())
                    .locations(locations.toArray(String[]::new)).callbacks(run);
            String baseline = engine.settings().get(Key.MIGRATE_BASELINE);
            if (baseline != null) {
                // Only where tables exist and no history does: the database that createAll built.
                configuration.baselineOnMigrate(true).baselineVersion(baseline)
                        .baselineDescription("tables created by createAll");
            }
            Flyway flyway = configuration.load();
            if (flyway.info().all().length == 0) {
                throw new IllegalStateException("dbfilter: " + engine.settings().describe(Key.MIGRATE) + " is true,"
                        + " but " + engine + " has no migrations in " + String.join(", ", locations) + ". Write the"
                        + " first one there as V1__init.sql (Database.createAllScript() writes it from the entities),"
                        + " or point " + engine.settings().name(Key.MIGRATE_LOCATIONS) + " at the scripts.");
            }
            result = flyway.migrate();
        } catch (FlywayException e) {
            throw run.failure(engine, locations, e);
        }
        long millis = (System.nanoTime() - begun) / 1_000_000;
        if (result.migrationsExecuted == 0) {
            LOG.info("dbfilter: {} is up to date at version {} (checked in {} ms)", engine, result.initialSchemaVersion,
                    millis);
        } else {
            LOG.info("dbfilter: {} migrated from version {} to {} ({} migration(s)) in {} ms", engine,
                    result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion,
                    result.targetSchemaVersion, result.migrationsExecuted, millis);
        }
    }

    private RuntimeException failure(Engine engine, List<String> locations, FlywayException e) {
        if (failed == null) {
            return new IllegalStateException("dbfilter: Flyway could not migrate " + engine + " from "
                    + String.join(", ", locations) + ": " + e.getMessage(), e);
        }
        // Only MySQL and MariaDB leave a failed script half-applied: their DDL is not transactional.
        boolean partial = engine.url().database().equals("mariadb") || engine.url().database().equals("mysql");
        return new IllegalStateException("dbfilter: the migration " + failed + " of " + engine + " failed, so the"
                + " Database did not start: " + said(e) + ". Fix the script and start again"
                + (partial ? "; this database does not roll DDL back, so first undo what the script did and delete"
                        + " its failed row from flyway_schema_history (flyway repair)" : "")
                + ".", e);
    }

    /** The database's message, without the full stop that would end the sentence twice. */
    private static String said(FlywayException e) {
        String message = String.valueOf(Causes.root(e).getMessage()).strip();
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_EACH_MIGRATE_ERROR;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        MigrationInfo migration = context.getMigrationInfo();
        if (migration != null) {
            failed = migration.getScript();
        }
    }

    @Override
    public String getCallbackName() {
        return "dbfilter";
    }
}

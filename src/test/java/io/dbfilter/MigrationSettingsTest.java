package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.binds.analytics.Event;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Map;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How db.migrate meets the other settings, the class path and the binds, on embedded Derby. */
class MigrationSettingsTest {
    private static boolean hasTable(Database db, String bind, String table) throws SQLException {
        try (Connection connection = db.dataSource(bind).getConnection();
                var tables = connection.getMetaData().getTables(null, null, table, new String[] {"TABLE"})) {
            return tables.next();
        }
    }

    @Test
    void migrateAndCreateAllBothTrueIsRefusedNamingWhichToTurnOff() {
        String message = StartupErrorsTest.failure(IllegalArgumentException.class, TestDatabases.settings(
                "db.migrate", "true", "db.createAll", "true"));

        assertTrue(message.contains("db.migrate (Database.create setting) and db.createAll (Database.create setting)"
                + " are both true for the default bind, but migrations replace createAll"), message);
        assertTrue(message.contains("Set db.createAll=false (or remove it)"), message);
    }

    @Test
    void aBindInheritsMigrateAndIsToldToTurnItsOwnCreateAllOff() {
        var settings = BindsTest.settings("db.migrate", "true", "db.bind.analytics.createAll", "true");

        String message = StartupErrorsTest.failure(IllegalArgumentException.class, settings);

        assertTrue(message.contains("are both true for the bind 'analytics'"), message);
        assertTrue(message.contains("Set db.bind.analytics.createAll=false"), message);
    }

    @Test
    void validateSchemaWithoutMigrationsNeedsCreateAllOff() {
        String message = StartupErrorsTest.failure(IllegalArgumentException.class, TestDatabases.settings(
                "db.validateSchema", "true"));

        assertTrue(message.contains("db.validateSchema (Database.create setting) checks the schema of the default"
                + " bind at start-up, before createAll runs"), message);
        assertTrue(message.contains("Set db.createAll=false when something else creates the tables"), message);
    }

    @Test
    void validateSchemaChecksASchemaThatSomethingElseCreated() {
        String message = StartupErrorsTest.failure(IllegalStateException.class, TestDatabases.settings(
                "db.validateSchema", "true", "db.createAll", "false"));

        assertTrue(message.contains("the table user is missing"), message);
        assertTrue(message.contains("Create them, or set db.validateSchema=false"), message);
    }

    @Test
    void noScriptsInTheLocationsSaysWhereToWriteTheFirst() {
        String message = StartupErrorsTest.failure(IllegalStateException.class, TestDatabases.settings(
                "db.migrate", "true", "db.migrate.locations", "classpath:migrations/none"));

        assertTrue(message.contains("has no migrations in classpath:migrations/none. Write the first one there as"
                + " V1__init.sql (Database.createAllScript() writes it from the entities)"), message);
    }

    @Test
    void eachBindMigratesFromItsOwnFolderByDefault() throws SQLException {
        var settings = BindsTest.settings("db.packages", "io.dbfilter.books.v1", "db.migrate", "true");
        try (Database db = Database.create(settings)) {
            assertTrue(hasTable(db, null, "BOOK"));
            assertFalse(hasTable(db, null, "EVENT"));
            assertTrue(hasTable(db, "analytics", "EVENT"));
            assertFalse(hasTable(db, "analytics", "BOOK"));
            try (Scope scope = db.open()) {
                Db.session("analytics").persist(new Event("signup"));
                Db.commit();
                assertEquals(1L, Db.session("analytics").createQuery("select count(e) from Event e", Long.class)
                        .getSingleResult());
            }
        }
    }

    @Test
    void startUpLeavesABindThatMigratesOutOfCreateAll() throws SQLException {
        var settings = TestDatabases.settings("db.packages", "io.dbfilter.books.v1,io.dbfilter.binds.analytics",
                "db.migrate", "true", "db.migrate.locations", MigrationsTest.V1, "db.validateSchema", "false");
        try (Database db = Database.create(settings)) {
            db.engines().createAllAsConfigured();

            assertTrue(hasTable(db, null, "BOOK"));
            assertFalse(hasTable(db, null, "EVENT"), "createAll ran on a bind that migrates");
        }
    }

    @Test
    void theCommandLineWritesTheScriptAndNeverOverwritesOne(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("db/migration/V1__init.sql");
        var properties = Map.of("db.url", TestDatabases.memoryUrl(), "db.packages", "io.dbfilter.model");
        properties.forEach(System::setProperty);
        try {
            CreateAllScript.write(file.toString());
            String script = Files.readString(file);
            assertTrue(script.startsWith("-- Written by dbfilter"), script);
            assertTrue(script.contains("CREATE TABLE \"user\" (id BIGINT NOT NULL"), script);

            var again = assertThrows(IllegalArgumentException.class, () -> CreateAllScript.write(file.toString()));
            assertTrue(again.getMessage().contains("exists, and a migration that a database has run must not change"),
                    again.getMessage());
            assertEquals(script, Files.readString(file));
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    @Test
    void withoutFlywayOnTheClassPathStartUpNamesTheArtifactsToAdd() throws Exception {
        var urls = new ArrayList<URL>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!entry.contains("flywaydb")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        // dbfilter, the entities and every other jar, loaded again where Flyway cannot be found.
        try (var withoutFlyway = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Class<?> database = withoutFlyway.loadClass(Database.class.getName());
            var create = database.getMethod("create", Map.class);
            var settings = TestDatabases.settings("db.migrate", "true");

            Thread thread = Thread.currentThread();
            ClassLoader before = thread.getContextClassLoader();
            thread.setContextClassLoader(withoutFlyway);
            InvocationTargetException failure;
            try {
                failure = assertThrows(InvocationTargetException.class, () -> create.invoke(null, settings));
            } finally {
                thread.setContextClassLoader(before);
            }

            String message = failure.getCause().getMessage();
            assertTrue(message.contains("db.migrate (Database.create setting) is true, but Flyway is not on the class"
                    + " path. Add org.flywaydb:flyway-core 12.4.0 and org.flywaydb:flyway-database-derby 12.4.0 to the"
                    + " application's dependencies"), message);
        }
    }

    @Test
    void aWebApplicationWhoseMigrationFailsDoesNotStartAndLeavesNoPool() throws Exception {
        var settings = TestDatabases.settings("db.packages", "io.dbfilter.books.v2", "db.migrate", "true",
                "db.migrate.locations", MigrationsTest.V1 + "," + MigrationsTest.V2 + ",classpath:migrations/books/broken");
        var server = new Server(0);
        var context = new ServletContextHandler();
        var filter = new FilterHolder(DbFilter.class);
        filter.setInitParameters(settings);
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) {
                response.setStatus(200);
            }
        }), "/books");
        server.setHandler(context);
        Set<String> before = StartupErrorsTest.poolThreads();
        try {
            var failure = assertThrows(Exception.class, server::start);

            assertTrue(failure.getMessage().startsWith("dbfilter: the migration V3__add_price_to_a_missing_table.sql"
                    + " of dbfilter-"), failure.getMessage());
            assertFalse(server.isStarted());
            StartupErrorsTest.awaitNoNewPoolThreads(before);
        } finally {
            server.stop();
        }
    }
}

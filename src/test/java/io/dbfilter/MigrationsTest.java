package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.books.v2.Book;
import io.dbfilter.model.BlogPost;
import io.dbfilter.model.Tag;
import io.dbfilter.model.User;
import io.dbfilter.portable.Note;
import io.dbfilter.portable.Release;
import io.dbfilter.portable.Ticket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * db.migrate on each database the suite runs on: Flyway's scripts applied at start-up, the schema
 * check after them, a failing script, and the first script written from the entities. Each test
 * has a schema of its own.
 */
class MigrationsTest {
    static final String V1 = "classpath:migrations/books/v1";
    static final String V2 = "classpath:migrations/books/v2";

    /** Settings that migrate the books of release {@code version} from {@code locations}. */
    static Map<String, String> books(TestServers.Schema schema, String version, String locations, String... extra) {
        var settings = schema.settings("io.dbfilter.books." + version, extra);
        settings.put("db.migrate", "true");
        settings.put("db.migrate.locations", locations);
        return settings;
    }

    /** Flyway's history: version and success of each applied migration, in the order applied. */
    static List<String> history(TestServers.Schema schema) throws SQLException {
        var rows = new ArrayList<String>();
        try (Connection connection = schema.connect(); var statement = connection.createStatement();
                var rs = statement.executeQuery(history(schema.kind()))) {
            while (rs.next()) {
                rows.add("V" + rs.getString(1) + (rs.getBoolean(2) ? " ok" : " failed"));
            }
        }
        return rows;
    }

    /** Flyway quotes the names of its history table on Derby, where they keep their lower case. */
    private static String history(TestServers.Kind kind) {
        return kind == TestServers.Kind.DERBY
                ? "SELECT \"version\", \"success\" FROM \"flyway_schema_history\" ORDER BY \"installed_rank\""
                : "SELECT version, success FROM flyway_schema_history ORDER BY installed_rank";
    }

    /** A database of its own; on Derby one in a folder, as an in-memory one is dropped when its Database closes. */
    static TestServers.Schema restartable(TestServers.Kind kind, Path folder) {
        return kind != TestServers.Kind.DERBY ? TestServers.create(kind)
                : new TestServers.Schema(kind, "APP", "jdbc:derby:" + folder.resolve("db") + ";create=true", null, null);
    }

    @ParameterizedTest
    @EnumSource(TestServers.Kind.class)
    void aRestartWithV2AddsTheColumnThatTheNewFieldMaps(TestServers.Kind kind, @TempDir Path folder)
            throws SQLException {
        try (var schema = restartable(kind, folder)) {
            try (Database db = Database.create(books(schema, "v1", V1)); Scope scope = db.open()) {
                Db.session().persist(new io.dbfilter.books.v1.Book(1, "Dune"));
                Db.commit();
            }

            try (Database db = Database.create(books(schema, "v2", V1 + "," + V2)); Scope scope = db.open()) {
                assertEquals(List.of("V1 ok", "V2 ok"), history(schema));
                assertNull(Db.session().find(Book.class, 1L).getIsbn());
                var book = new Book(2, "Emma");
                book.setIsbn("978-0141439587");
                Db.session().persist(book);
                Db.commit();
                Db.session().clear();

                assertEquals("978-0141439587", Db.session().find(Book.class, 2L).getIsbn());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestServers.Kind.class)
    void thePreviousReleaseStillStartsAndWritesOnTheExpandedSchema(TestServers.Kind kind) throws SQLException {
        try (var schema = TestServers.create(kind)) {
            // During a rolling deploy the old release runs on the schema that the new one migrated.
            var settings = books(schema, "v1", V1 + "," + V2);
            try (Database db = Database.create(settings); Scope scope = db.open()) {
                assertEquals(List.of("V1 ok", "V2 ok"), history(schema));
                Db.session().persist(new io.dbfilter.books.v1.Book(1, "Dune"));
                Db.commit();
                Db.session().clear();

                assertEquals("Dune", Db.session().find(io.dbfilter.books.v1.Book.class, 1L).getTitle());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestServers.Kind.class)
    void aDatabaseThatCreateAllBuiltMovesToMigrationsWithABaseline(TestServers.Kind kind, @TempDir Path folder)
            throws SQLException {
        try (var schema = restartable(kind, folder)) {
            try (Database db = Database.create(schema.settings("io.dbfilter.books.v1")); Scope scope = db.open()) {
                db.createAll();
                Db.session().persist(new io.dbfilter.books.v1.Book(1, "Dune"));
                Db.commit();
            }

            var settings = books(schema, "v2", V1 + "," + V2, "db.migrate.baseline", "1");
            try (Database db = Database.create(settings); Scope scope = db.open()) {
                assertEquals(List.of("V1 ok", "V2 ok"), history(schema));
                Book dune = Db.session().find(Book.class, 1L);
                dune.setIsbn("978-0441013593");
                Db.commit();
                Db.session().clear();

                assertEquals("978-0441013593", Db.session().find(Book.class, 1L).getIsbn());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestServers.Kind.class)
    void aFailingMigrationStopsStartUpNamingTheScriptAndTheDatabasesMessage(TestServers.Kind kind,
            @TempDir Path folder) throws SQLException {
        try (var schema = restartable(kind, folder)) {
            var settings = books(schema, "v2", V1 + "," + V2 + ",classpath:migrations/books/broken");

            String message = StartupErrorsTest.failure(IllegalStateException.class, settings);

            assertTrue(message.contains("the migration V3__add_price_to_a_missing_table.sql of dbfilter-"), message);
            assertTrue(message.toLowerCase(Locale.ROOT).contains("no_such_table"), message);
            assertEquals(List.of("V1 ok", "V2 ok"), history(schema).subList(0, 2));
        }
    }

    @ParameterizedTest
    @EnumSource(TestServers.Kind.class)
    void theSchemaCheckNamesTheColumnThatNoMigrationCreated(TestServers.Kind kind) throws SQLException {
        try (var schema = TestServers.create(kind)) {
            String message = StartupErrorsTest.failure(IllegalStateException.class, books(schema, "v2", V1));

            assertTrue(message.contains("the tables of dbfilter-"), message);
            assertTrue(message.contains("do not match its entities"), message);
            assertTrue(message.toLowerCase(Locale.ROOT).matches(".*the table book has no column isbn\\b.*"), message);
            assertTrue(message.contains("Add a migration that creates them (the next V<n>__<what>.sql in " + V1
                    + ")"), message);
        }
    }

    @ParameterizedTest
    @EnumSource(TestServers.Kind.class)
    void theScriptWrittenFromTheEntitiesBuildsASchemaTheCheckAccepts(TestServers.Kind kind, @TempDir Path folder)
            throws Exception {
        try (var schema = TestServers.create(kind)) {
            String packages = "io.dbfilter.model,io.dbfilter.portable";
            try (Database db = Database.create(schema.settings(packages))) {
                Files.writeString(folder.resolve("V1__init.sql"), db.createAllScript());
            }

            var settings = schema.settings(packages, "db.migrate", "true",
                    "db.migrate.locations", "filesystem:" + folder);
            try (Database db = Database.create(settings); Scope scope = db.open()) {
                assertEquals(List.of("V1 ok"), history(schema));
                var ann = new User("ann");
                var tag = new Tag("news", 1, "blue");
                var post = new BlogPost("hello", ann);
                post.getTags().add(tag);
                for (Object entity : List.of(ann, tag, post, new Note("n", "body", null), new Ticket("t"),
                        new Release("1.0"))) {
                    Db.session().persist(entity);
                }
                Db.commit();
                Db.session().clear();

                assertEquals("ann", Db.session().find(BlogPost.class, post.getId()).getAuthor().getUsername());
            }
        }
    }

    @Test
    void twoNodesStartingAtOnceOnOnePostgreSqlApplyV2Once() throws Exception {
        try (var schema = TestServers.create(TestServers.Kind.POSTGRESQL)) {
            Database.create(books(schema, "v1", V1)).close();
            // V2 pauses for a second inside the migration, so the second node starts while the first migrates.
            var settings = books(schema, "v2", V1 + ",classpath:migrations/books/slow");
            var together = new CyclicBarrier(2);
            ExecutorService nodes = Executors.newFixedThreadPool(2);
            var started = new ArrayList<Future<Database>>();
            for (int i = 0; i < 2; i++) {
                started.add(nodes.submit(() -> {
                    together.await();
                    return Database.create(settings);
                }));
            }
            nodes.shutdown();
            var databases = new ArrayList<Database>();
            try {
                for (Future<Database> node : started) {
                    databases.add(node.get());
                }
            } finally {
                databases.forEach(Database::close);
            }

            assertEquals(List.of("V1 ok", "V2 ok"), history(schema));
        }
    }
}

package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.model.BlogPost;
import io.dbfilter.model.Tag;
import io.dbfilter.model.User;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaTest {
    /** Table name to its columns, as the database's catalog stores them (Derby folds unquoted names to upper case). */
    private static Map<String, List<String>> catalog(Database db) throws SQLException {
        var tables = new java.util.TreeMap<String, List<String>>();
        try (Connection connection = db.dataSource().getConnection();
                var rs = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                var columns = new ArrayList<String>();
                try (var cols = connection.getMetaData().getColumns(null, rs.getString("TABLE_SCHEM"),
                        rs.getString("TABLE_NAME"), "%")) {
                    while (cols.next()) {
                        columns.add(cols.getString("COLUMN_NAME"));
                    }
                }
                tables.put(rs.getString("TABLE_NAME"), new ArrayList<>(new TreeSet<>(columns)));
            }
        }
        return tables;
    }

    @Test
    void tablesAndColumnsGetSnakeCaseNamesAndReservedWordsAreQuoted() throws SQLException {
        try (Database db = TestDatabases.create()) {
            Map<String, List<String>> tables = catalog(db);

            // Quoted names keep their lower case in Derby's catalog; unquoted ones are folded to upper case.
            assertEquals(List.of("CREATED_AT", "EMAIL", "ID", "USERNAME"), tables.get("user"));
            assertEquals(List.of("AUTHOR_ID", "ID", "TITLE"), tables.get("BLOG_POST"));
            assertEquals(List.of("BLOG_POST_ID", "TAGS_ID"), tables.get("BLOG_POST_TAG"));
            assertEquals(List.of("ID", "NAME", "group", "order"), tables.get("TAG"));
        }
    }

    @Test
    void reservedWordTablesAndColumnsWorkForEveryOperation() {
        try (Database db = TestDatabases.create(); Scope scope = db.open()) {
            var ann = new User("ann");
            var tag = new Tag("news", 2, "blue");
            var post = new BlogPost("hello", ann);
            post.getTags().add(tag);
            Db.session().persist(ann);
            Db.session().persist(tag);
            Db.session().persist(post);
            Db.commit();
            Db.session().clear();

            BlogPost found = Db.session().createQuery(
                    "select p from BlogPost p join p.author a join p.tags t where a.username = :name and t.group = :group"
                            + " order by t.order", BlogPost.class)
                    .setParameter("name", "ann").setParameter("group", "blue").getSingleResult();
            assertEquals("ann", found.getAuthor().getUsername());
            assertEquals(2, found.getTags().get(0).getOrder());

            Db.session().remove(found);
            Db.session().remove(Db.session().find(User.class, ann.getId()));
            Db.commit();
            assertEquals(0L, Db.session().createQuery("select count(u) from User u", Long.class).getSingleResult());
        }
    }

    @Test
    void createAllTwiceOnAFileDatabaseIsQuietAndKeepsTheRows(@TempDir Path folder) throws SQLException {
        var settings = Map.of("db.url", "jdbc:derby:" + folder.resolve("db") + ";create=true",
                "db.packages", "io.dbfilter.model");
        Long firstId;
        try (Database db = Database.create(settings)) {
            db.createAll();
            try (Scope scope = db.open()) {
                var ann = new User("ann");
                Db.session().persist(ann);
                Db.commit();
                firstId = ann.getId();
            }
        }

        String output = captureOutput(() -> {
            try (Database db = Database.create(settings)) {
                db.createAll();
                db.createAll();
                try (Scope scope = db.open()) {
                    var bob = new User("bob");
                    Db.session().persist(bob);
                    Db.commit();
                    assertNotEquals(firstId, bob.getId());
                    assertEquals(2L, Db.session().createQuery("select count(u) from User u", Long.class)
                            .getSingleResult());
                }
            }
        });

        for (String noise : List.of("WARN", "ERROR", "SEVERE", "Exception", "already exists")) {
            assertFalse(output.contains(noise), "a second start logged '" + noise + "':\n" + output);
        }
    }

    @Test
    void dropAllDropsTheEntityTablesAndKeepsTheIdCounter() throws SQLException {
        try (Database db = TestDatabases.create()) {
            db.dropAll();

            assertEquals(List.of("SEQUENCE"), List.copyOf(catalog(db).keySet()));
        }
    }

    @Test
    void createAllAcceptsAColumnThatNoEntityMapsAnyMore() {
        String url = TestDatabases.memoryUrl();
        // Book of release 2 maps isbn; release 1, started on the same database, no longer does.
        try (Database later = Database.create(Map.of("db.url", url, "db.packages", "io.dbfilter.books.v2"))) {
            later.createAll();
            try (Database earlier = Database.create(Map.of("db.url", url, "db.packages", "io.dbfilter.books.v1"));
                    Scope scope = earlier.open()) {
                earlier.createAll();
                Db.session().persist(new io.dbfilter.books.v1.Book(1, "Dune"));
                Db.commit();
            }
        }
    }

    @Test
    void createAllFailsLoudlyWhenTheDatabaseRefusesATable() {
        try (Database db = Database.create(Map.of("db.url", TestDatabases.memoryUrl(),
                "db.entities", "io.dbfilter.reserved.Select"))) {
            var error = assertThrows(IllegalStateException.class, db::createAll);

            assertTrue(error.getMessage().startsWith("dbfilter: createAll() could not create every table"),
                    error.getMessage());
            assertTrue(error.getMessage().contains("select"), error.getMessage());
        }
    }

    @Test
    void theDatabaseLogsNothingAtStartWithoutEcho() {
        String output = captureOutput(() -> {
            try (Database db = TestDatabases.create(); Scope scope = db.open()) {
                Db.session().persist(new User("ann"));
                Db.commit();
            }
        });

        assertFalse(output.contains("INSERT"), output);
        assertFalse(output.contains("WARN"), output);
    }

    @Test
    void echoLogsEveryStatementWithItsParameters() {
        String output = captureOutput(() -> {
            try (Database db = TestDatabases.create("db.echo", "true"); Scope scope = db.open()) {
                Db.session().persist(new User("echoed-ann"));
                Db.commit();
            }
        });

        assertTrue(output.contains("INSERT INTO \"user\""), output);
        assertTrue(output.contains("echoed-ann"), output);
    }

    static String captureOutput(Runnable work) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        var buffer = new ByteArrayOutputStream();
        var capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            work.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}

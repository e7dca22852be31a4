package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.model.BlogPost;
import io.dbfilter.model.Tag;
import io.dbfilter.model.User;
import io.dbfilter.portable.Note;
import io.dbfilter.portable.Release;
import io.dbfilter.portable.Ticket;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.RollbackException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The same behaviour on embedded Derby, PostgreSQL and MariaDB, each in a schema of its own that
 * is dropped afterwards. A server that is not running skips its run (see {@link TestServers}).
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestServers.Kind.class)
class PortabilityTest {
    private static final String PACKAGES = "io.dbfilter.model,io.dbfilter.portable";
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static TestServers.Schema schema;
    private static Database db;

    @Parameter
    TestServers.Kind kind;

    @BeforeParameterizedClassInvocation
    static void start(TestServers.Kind kind) {
        schema = TestServers.create(kind);
        db = Database.create(schema.settings(PACKAGES, SqlLog.SETTING));
        db.createAll();
    }

    @AfterParameterizedClassInvocation
    static void stop() throws SQLException {
        // Both are null when the server was unreachable; the schema is dropped even when closing fails.
        try (var dropped = schema; var closed = db) {
            db = null;
            schema = null;
        }
    }

    @AfterEach
    void noScopeOrSessionIsLeftBehind() {
        assertFalse(Db.inScope(), "a test left a scope bound");
        assertEquals(0, db.openSessions(), "a test left an EntityManager open");
    }

    /** A value no other test of this run uses, as the rows of all tests share one schema. */
    private static String unique(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }

    private static long count(String jpql, Object... parameters) {
        try (var scope = db.open()) {
            var query = Db.session().createQuery(jpql, Long.class);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.getSingleResult();
        }
    }

    @Test
    void createAllOnASecondStartIsQuietAndKeepsTheRows() {
        String name = unique("kept");
        try (var scope = db.open()) {
            Db.session().persist(new User(name));
            Db.commit();
        }

        String output = SchemaTest.captureOutput(() -> {
            try (Database second = Database.create(schema.settings(PACKAGES))) {
                second.createAll();
                second.createAll();
            }
        });

        for (String noise : List.of("WARN", "ERROR", "SEVERE", "Exception", "already exists", "\tat ")) {
            assertFalse(output.contains(noise), "a second start logged '" + noise + "':\n" + output);
        }
        assertEquals(1L, count("select count(u) from User u where u.username = ?1", name));
    }

    @Test
    void dropAllDropsTheEntityTablesAndKeepsTheIdCounter() throws SQLException {
        try (var own = TestServers.create(kind); Database fresh = Database.create(own.settings(PACKAGES))) {
            fresh.createAll();

            fresh.dropAll();

            assertEquals(Set.of("sequence"), tables(fresh).keySet());
        }
    }

    @Test
    void tablesAndColumnsGetSnakeCaseNamesInTheCatalog() throws SQLException {
        Map<String, List<String>> tables = tables(db);

        assertEquals(Set.of("blog_post", "blog_post_tag", "note", "release", "sequence", "tag", "ticket", "user"),
                tables.keySet());
        assertEquals(List.of("created_at", "email", "id", "username"), tables.get("user"));
        assertEquals(List.of("author_id", "id", "title"), tables.get("blog_post"));
        assertEquals(List.of("blog_post_id", "tags_id"), tables.get("blog_post_tag"));
        assertEquals(List.of("group", "id", "name", "order"), tables.get("tag"));
        assertEquals(List.of("body", "id", "title", "written_at"), tables.get("note"));
    }

    @Test
    void reservedWordsAsTableAndColumnNamesWorkForEveryOperation() {
        String group = unique("reserved");
        var release = new Release("1.0");
        SqlLog.clear();
        try (var scope = db.open()) {
            var author = new User(unique("author"));
            var tag = new Tag("news", 2, group);
            var post = new BlogPost("hello", author);
            post.getTags().add(tag);
            List.of(author, tag, post, release).forEach(Db.session()::persist);
            Db.commit();
        }
        List<String> inserts = sql();
        Long releaseId = release.getId();
        // Quoted only where reserved: user is not reserved on MariaDB, release is reserved on all three.
        String user = kind == TestServers.Kind.MARIADB ? "user " : "\"user\"";
        String quotedRelease = kind == TestServers.Kind.MARIADB ? "`release`" : "\"release\"";
        assertTrue(inserts.stream().anyMatch(sql -> sql.startsWith("INSERT INTO " + user)), inserts::toString);
        assertTrue(inserts.stream().anyMatch(sql -> sql.startsWith("INSERT INTO " + quotedRelease)), inserts::toString);

        try (var scope = db.open()) {
            assertEquals(1, Db.session().createQuery("update Tag t set t.order = t.order + 1 where t.group = :group")
                    .setParameter("group", group).executeUpdate());
            BlogPost found = Db.session().createQuery("select p from BlogPost p join p.tags t where t.group = :group"
                    + " order by t.order", BlogPost.class).setParameter("group", group).getSingleResult();
            assertEquals(3, found.getTags().get(0).getOrder());
            assertEquals("1.0", Db.session().find(Release.class, releaseId).getVersion());

            Db.session().remove(found);
            Db.session().remove(found.getAuthor());
            Db.session().remove(Db.session().find(Release.class, releaseId));
            Db.commit();
        }
        assertEquals(0L, count("select count(p) from BlogPost p join p.tags t where t.group = ?1", group));
        assertEquals(0L, count("select count(r) from Release r where r.id = ?1", releaseId));
    }

    @Test
    void identitySequenceAndTableIdsNeverCollideBetweenTwoDatabasesOnOneSchema() throws SQLException {
        var noteIds = new HashSet<Long>();
        var ticketIds = new HashSet<Long>();
        var userIds = new HashSet<Long>();
        try (Database other = Database.create(schema.settings(PACKAGES))) {
            for (int round = 0; round < 3; round++) {
                for (Database node : List.of(db, other)) {
                    try (var scope = node.open()) {
                        var note = new Note(unique("id"), "", null);
                        var ticket = new Ticket("subject");
                        var user = new User(unique("id"));
                        List.of(note, ticket, user).forEach(Db.session()::persist);
                        Db.commit();
                        noteIds.add(note.getId());
                        ticketIds.add(ticket.getId());
                        userIds.add(user.getId());
                    }
                }
            }
        }

        assertEquals(6, noteIds.size(), noteIds::toString);
        assertEquals(6, ticketIds.size(), ticketIds::toString);
        assertEquals(6, userIds.size(), userIds::toString);
        assertEquals("YES", autoIncrement("note", "id"), "the note id is an identity column");
        assertEquals("NO", autoIncrement("ticket", "id"), "the ticket id comes from a sequence");
    }

    @Test
    void unicodeAndLongTextRoundTripUnchanged() {
        String title = unique("Grüße, 你好, e\u0301, 😀🎉");
        // 20 chars, two of them halves of a 4-byte emoji: 100 000 chars in all.
        String body = "a😀 ü 漢字 Ω € texts. ".repeat(5_000);
        assertEquals(100_000, body.length());
        try (var scope = db.open()) {
            Db.session().persist(new Note(title, body, null));
            Db.commit();
        }

        try (var scope = db.open()) {
            Note found = Db.session().createQuery("select n from Note n where n.title = :title", Note.class)
                    .setParameter("title", title).getSingleResult();

            assertEquals(title, found.getTitle());
            assertEquals(body, found.getBody());
        }
    }

    /** Derby keeps nanoseconds; PostgreSQL rounds and MariaDB truncates them to microseconds. */
    @Test
    void instantsRoundTripToTheSameMicrosecond() {
        List<Instant> instants = List.of(Instant.parse("2026-03-29T01:30:00.123456Z"),
                Instant.parse("1999-12-31T23:59:59.999999Z"), Instant.parse("2040-06-01T12:00:00.000001Z"),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        List<Long> ids;
        try (var scope = db.open()) {
            List<Note> notes = instants.stream().map(at -> new Note(unique("at"), "", at)).toList();
            notes.forEach(Db.session()::persist);
            Db.commit();
            ids = notes.stream().map(Note::getId).toList();
        }

        try (var scope = db.open()) {
            for (int i = 0; i < instants.size(); i++) {
                assertEquals(instants.get(i), Db.session().find(Note.class, ids.get(i)).getWrittenAt());
                assertEquals(ids.get(i), Db.session().createQuery("select n.id from Note n where n.writtenAt = :at",
                        Long.class).setParameter("at", instants.get(i)).getSingleResult());
            }
        }
    }

    @Test
    void pagesAreCutInTheDatabaseAndCounted() {
        String group = unique("page");
        try (var scope = db.open()) {
            IntStream.range(0, 25).forEach(i -> Db.session().persist(new Tag("tag" + i, i, group)));
            Db.commit();
        }
        String jpql = "select t from Tag t where t.group = :group order by t.order";

        SqlLog.clear();
        try (var scope = db.open()) {
            List<Tag> page = Db.session().createQuery(jpql, Tag.class).setParameter("group", group)
                    .setFirstResult(20).setMaxResults(10).getResultList();
            assertEquals(List.of(20, 21, 22, 23, 24), page.stream().map(Tag::getOrder).toList());
        }
        List<String> statements = sql();

        assertEquals(1, statements.size(), statements::toString);
        assertTrue(statements.get(0).matches("(?is).*\\b(limit|fetch next)\\b.*"), statements.get(0));
        assertEquals(25L, count("select count(t) from Tag t where t.group = ?1", group));
        try (var scope = db.open()) {
            var page = Db.paginate(Db.session().createQuery(jpql, Tag.class).setParameter("group", group), 3, 10);
            assertEquals(List.of(20, 21, 22, 23, 24), page.items().stream().map(Tag::getOrder).toList());
            assertEquals(25L, page.total());
            assertEquals(3, page.pages());
        }
    }

    @Test
    void aDuplicateUniqueValueIsRecognisedAndOtherViolationsAreNot() {
        String name = unique("taken");
        try (var scope = db.open()) {
            Db.session().persist(new User(name));
            Db.commit();
            Db.session().persist(new User(name));

            var duplicate = assertThrows(RollbackException.class, Db::commit);

            assertTrue(Db.isUniqueViolation(duplicate), () -> causes(duplicate));
        }
        try (var scope = db.open()) {
            Db.session().persist(new User(null));

            var missing = assertThrows(PersistenceException.class, () -> Db.session().flush());

            assertTrue(causes(missing).contains("SQLState 23"), () -> causes(missing));
            assertFalse(Db.isUniqueViolation(missing), () -> causes(missing));
        }
        assertEquals(1L, count("select count(u) from User u where u.username = ?1", name));
    }

    @Test
    void workThatReachedTheDatabaseIsRolledBackWhenTheScopeEndsUncommitted() {
        String name = unique("rolled-back");
        try (var scope = db.open()) {
            Db.session().persist(new User(name));
            Db.session().flush();
            assertEquals(1L, Db.session().createQuery("select count(u) from User u where u.username = :name",
                    Long.class).setParameter("name", name).getSingleResult());
        }

        assertEquals(0L, count("select count(u) from User u where u.username = ?1", name));
    }

    @Test
    void workThatReachedTheDatabaseIsRolledBackWhenTheRequestEndsUncommitted() throws Exception {
        String name = unique("request");
        var servlets = Map.<String, jakarta.servlet.Servlet>of("/add", FilterTest.servlet((request, response) -> {
            Db.session().persist(new User(name));
            Db.session().flush();
            response.getWriter().print("flushed");
        }));

        try (var server = TestServer.start(schema.settings(PACKAGES), servlets)) {
            assertEquals("flushed", server.post("/add").body());
        }

        assertEquals(0L, count("select count(u) from User u where u.username = ?1", name));
    }

    /** The SQL of the statements this thread sent since {@link SqlLog#clear()}. */
    private static List<String> sql() {
        return SqlLog.statements().stream().map(SqlLog.Statement::sql).toList();
    }

    /** Each exception of the chain with its SQLState, for assertion messages. */
    private static String causes(Throwable error) {
        var text = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            text.append(cause.getClass().getSimpleName());
            if (cause instanceof SQLException sql) {
                text.append(" SQLState ").append(sql.getSQLState()).append(" code ").append(sql.getErrorCode());
            }
            text.append(" <- ");
        }
        return text.toString();
    }

    /** Lower-case table name to its sorted lower-case column names, from the JDBC catalog of this schema. */
    private static Map<String, List<String>> tables(Database database) throws SQLException {
        var tables = new TreeMap<String, List<String>>();
        try (Connection connection = database.dataSource().getConnection();
                var rows = connection.getMetaData().getTables(connection.getCatalog(), connection.getSchema(), "%",
                        new String[] {"TABLE"})) {
            while (rows.next()) {
                var columns = new TreeSet<String>();
                try (var cols = connection.getMetaData().getColumns(rows.getString("TABLE_CAT"),
                        rows.getString("TABLE_SCHEM"), rows.getString("TABLE_NAME"), "%")) {
                    while (cols.next()) {
                        columns.add(cols.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
                // Derby stores unquoted names upper-cased; the others store them as created.
                tables.put(rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT), List.copyOf(columns));
            }
        }
        return tables;
    }

    /** The catalog's IS_AUTOINCREMENT of a column: YES for an identity column. */
    private static String autoIncrement(String table, String column) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
                var cols = connection.getMetaData().getColumns(connection.getCatalog(), connection.getSchema(),
                        "%", "%")) {
            while (cols.next()) {
                if (cols.getString("TABLE_NAME").equalsIgnoreCase(table)
                        && cols.getString("COLUMN_NAME").equalsIgnoreCase(column)) {
                    return cols.getString("IS_AUTOINCREMENT");
                }
            }
        }
        throw new AssertionError("no column " + table + "." + column);
    }
}

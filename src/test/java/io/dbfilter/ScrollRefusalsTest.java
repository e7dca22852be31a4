package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.keyset.Sample;
import io.dbfilter.keyset.Shelf;
import jakarta.persistence.TypedQuery;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What Db.scroll refuses: queries it cannot walk by keys, at the first call with a message that
 * names the cause and the fix, and cursors this query did not write, with 400.
 */
class ScrollRefusalsTest {
    private static final String BY_TITLE = "select s from Sample s order by s.title";
    private static Database db;

    @BeforeAll
    static void fill() throws Exception {
        db = Database.create(TestDatabases.settings("db.packages", Samples.SETTING_PACKAGES));
        db.createAll();
        try (Connection connection = db.dataSource().getConnection()) {
            Samples.fill(connection, 50);
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static TypedQuery<Sample> query(String jpql) {
        return Db.session().createQuery(jpql, Sample.class);
    }

    private static String refusal(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    private static void assertBadRequest(String cursor, String jpql) {
        var refused = assertThrows(BadRequestException.class, () -> Db.scroll(query(jpql), cursor, 5));
        assertEquals(400, refused.status());
        assertEquals(Window.BAD_CURSOR, refused.description());
    }

    @Test
    void aQueryWithoutOrderByIsRefusedWithTheFix() {
        try (var scope = db.open()) {
            String message = refusal(() -> Db.scroll(query("select s from Sample s"), null, 5));

            assertTrue(message.contains("scroll needs a query with an ORDER BY") && message.contains("order by u.id"),
                    message);
        }
    }

    @Test
    void aNullableSortAttributeIsRefusedAtTheFirstCallNamingIt() {
        try (var scope = db.open()) {
            String message = refusal(() -> Db.scroll(query("select s from Sample s order by s.note"), null, 5));

            assertTrue(message.contains("cannot sort on note, which can be null"), message);
            assertTrue(message.contains("@Column(nullable = false)"), message);
        }
    }

    @Test
    void anAttributeBehindALeftJoinIsRefusedBecauseTheJoinMakesItNullable() {
        try (var scope = db.open()) {
            String message = refusal(() -> Db.scroll(
                    query("select s from Sample s left join s.shelf h order by h.label"), null, 5));

            assertTrue(message.contains("cannot sort on shelf.label, which can be null"), message);
            assertTrue(message.contains("inner join rather than a LEFT JOIN"), message);
        }
    }

    @Test
    void aFunctionInTheOrderIsRefused() {
        try (var scope = db.open()) {
            String message = refusal(() -> Db.scroll(query("select s from Sample s order by lower(s.title)"), null, 5));

            assertTrue(message.contains("can only sort on attributes of the query's entity"), message);
            assertTrue(message.contains("store a computed sort value in a column of its own"), message);
        }
    }

    @Test
    void aQueryOfColumnsIsRefused() {
        try (var scope = db.open()) {
            String message = refusal(() -> Db.scroll(Db.session().createQuery(
                    "select s.title from Sample s order by s.title", String.class), null, 5));

            assertTrue(message.contains("needs a JPQL or criteria query that selects entities"), message);
        }
    }

    @Test
    void nativeSqlIsRefused() {
        try (var scope = db.open()) {
            @SuppressWarnings("unchecked")
            TypedQuery<Sample> nativeQuery = (TypedQuery<Sample>) Db.session().createNativeQuery(
                    "SELECT * FROM sample ORDER BY id", Sample.class);

            assertTrue(refusal(() -> Db.scroll(nativeQuery, null, 5)).contains("Native SQL cannot be walked"));
        }
    }

    @Test
    void aCollectionFetchJoinIsRefused() {
        try (var scope = db.open()) {
            String message = refusal(() -> Db.scroll(Db.session().createQuery(
                    "select h from Shelf h join fetch h.samples order by h.label", Shelf.class), null, 5));

            assertTrue(message.contains("fetch-joins the collection samples"), message);
            assertTrue(message.contains("eclipselink.batch"), message);
        }
    }

    @Test
    void aSizeBelowOneIsRefused() {
        try (var scope = db.open()) {
            assertTrue(refusal(() -> Db.scroll(query(BY_TITLE), null, 0)).contains("size of at least 1, not 0"));
        }
    }

    @Test
    void aCursorOfAnotherQueryIsABadRequest() {
        try (var scope = db.open()) {
            String byTitle = Db.scroll(query(BY_TITLE), null, 5).next();

            assertBadRequest(byTitle, "select s from Sample s order by s.title desc");
            assertBadRequest(byTitle, "select s from Sample s where s.rating > 2 order by s.title");
            assertBadRequest(byTitle, "select s from Sample s order by s.released");
        }
    }

    @Test
    void anAlteredCursorIsABadRequest() {
        try (var scope = db.open()) {
            String cursor = Db.scroll(query(BY_TITLE), null, 5).next();
            byte[] bytes = Base64.getUrlDecoder().decode(cursor);
            for (int i = 0; i < bytes.length; i++) {
                byte[] altered = bytes.clone();
                altered[i] ^= 1;

                assertBadRequest(Base64.getUrlEncoder().withoutPadding().encodeToString(altered), BY_TITLE);
            }
        }
    }

    @Test
    void aCursorCutShortOrNotBase64IsABadRequest() {
        try (var scope = db.open()) {
            String cursor = Db.scroll(query(BY_TITLE), null, 5).next();

            for (String bad : new String[] {cursor.substring(0, cursor.length() - 1), cursor.substring(0, 10), "a",
                "not a cursor!", "%%%", "x".repeat(10_000),
                Base64.getUrlEncoder().encodeToString("title-1".getBytes(StandardCharsets.UTF_8))}) {
                assertBadRequest(bad, BY_TITLE);
            }
        }
    }

    @Test
    void anEmptyCursorIsTheFirstWindow() {
        try (var scope = db.open()) {
            assertEquals(Samples.ids(Db.scroll(query(BY_TITLE), null, 5)),
                    Samples.ids(Db.scroll(query(BY_TITLE), "", 5)));
        }
    }
}

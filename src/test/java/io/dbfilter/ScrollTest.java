package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.keyset.Event;
import io.dbfilter.keyset.Sample;
import jakarta.persistence.TypedQuery;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Db.scroll on Derby: orders of every kind walked both ways, the window's flags and cursors, the SQL. */
class ScrollTest {
    private static final int ROWS = 1_000;
    private static Database db;

    @BeforeAll
    static void fill() throws Exception {
        db = Database.create(TestDatabases.settings("db.packages", Samples.SETTING_PACKAGES, SqlLog.SETTING[0],
                SqlLog.SETTING[1]));
        db.createAll();
        try (Connection connection = db.dataSource().getConnection()) {
            Samples.fill(connection, ROWS);
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static Supplier<TypedQuery<Sample>> jpql(String jpql) {
        return () -> Db.session().createQuery(jpql, Sample.class);
    }

    /**
     * Walks forwards, then backwards from the last window, and checks both against {@code expected},
     * the unpaged query in the order scroll documents: ties in id order.
     */
    private static void assertWalksBothWays(Supplier<TypedQuery<Sample>> query, Supplier<TypedQuery<Sample>> expected,
            int size) {
        List<Long> all = Samples.ids(expected.get().getResultList());
        Samples.Walk walk = Samples.forward(query, size, () -> { });

        assertEquals(all, walk.ids());
        var back = new ArrayList<>(Samples.backward(query, walk.lastCursorBack(), size));
        back.addAll(walk.windows().get(walk.windows().size() - 1));
        assertEquals(all, back);
    }

    private static void assertWalksBothWays(String jpql, int size) {
        boolean unique = jpql.contains("s.id") || jpql.contains("s.code");
        assertWalksBothWays(jpql(jpql), jpql(unique ? jpql : jpql + ", s.id"), size);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "select s from Sample s order by s.title",
        "select s from Sample s order by s.released desc",
        "select s from Sample s order by s.title desc, s.released, s.rating desc",
        "select s from Sample s order by s.rating, s.id desc",
        "select s from Sample s order by s.code desc",
        "select s from Sample s where s.rating > 3 order by s.released, s.title desc"})
    void everyRowIsVisitedOnceInOrderBothWays(String jpql) {
        try (var scope = db.open()) {
            assertWalksBothWays(jpql, 20);
        }
    }

    @Test
    void sortingOnlyOnAValueThatManyRowsShareStillVisitsEachRowOnce() {
        try (var scope = db.open()) {
            // 101 dates for 1,000 rows: most windows start in the middle of a date's rows.
            assertWalksBothWays("select s from Sample s order by s.released", 7);
        }
    }

    @Test
    void aToOneRelationshipsAttributeCanBeSortedOn() {
        try (var scope = db.open()) {
            assertWalksBothWays("select s from Sample s join s.shelf h order by h.label desc, s.title", 20);
            assertWalksBothWays("select s from Sample s order by s.shelf.label, s.rating desc", 33);
        }
    }

    @Test
    void namedParametersOfTheQueryApplyToEveryWindow() {
        try (var scope = db.open()) {
            String jpql = "select s from Sample s where s.title in :titles and s.rating >= ?1 order by s.released desc";
            assertWalksBothWays(() -> Db.session().createQuery(jpql, Sample.class)
                    .setParameter("titles", List.of("title-3", "title-4")).setParameter(1, 5),
                    () -> Db.session().createQuery(jpql + ", s.id", Sample.class)
                    .setParameter("titles", List.of("title-3", "title-4")).setParameter(1, 5), 4);
        }
    }

    @Test
    void aCriteriaQueryIsWalkedLikeJpql() {
        try (var scope = db.open()) {
            assertWalksBothWays(() -> criteria(false), () -> criteria(true), 25);
        }
    }

    /** Samples with a rating below 7, by title descending and release date, and with {@code byId} by id last. */
    private static TypedQuery<Sample> criteria(boolean byId) {
        var builder = Db.session().getCriteriaBuilder();
        var criteria = builder.createQuery(Sample.class);
        var sample = criteria.from(Sample.class);
        var order = new ArrayList<>(List.of(builder.desc(sample.get("title")), builder.asc(sample.get("released"))));
        if (byId) {
            order.add(builder.asc(sample.get("id")));
        }
        criteria.select(sample).where(builder.lessThan(sample.get("rating"), 7)).orderBy(order);
        return Db.session().createQuery(criteria);
    }

    @Test
    void aWindowReadsOneRowMoreThanItShowsToKnowWhetherRowsFollow() {
        try (var scope = db.open()) {
            SqlLog.clear();
            Window<Sample> first = Db.scroll(jpql("select s from Sample s order by s.title").get(), null, 20);

            assertEquals(20, first.items().size());
            assertTrue(first.hasNext());
            assertFalse(first.hasPrevious());
            assertNull(first.previous());
            List<SqlLog.Statement> statements = SqlLog.statements();
            assertEquals(21, statements.get(0).rows());
            // The other statements load the rows' shelves, a to-one relationship.
            assertTrue(statements.stream().noneMatch(SqlLog.Statement::isCount), "no count: " + statements);
        }
    }

    @Test
    void theLastWindowHasNoNextCursor() {
        try (var scope = db.open()) {
            Window<Sample> only = Db.scroll(jpql("select s from Sample s where s.code = 'c7' order by s.title").get(),
                    null, 20);

            assertEquals(1, only.items().size());
            assertFalse(only.hasNext());
            assertNull(only.next());
        }
    }

    @Test
    void aQueryWithoutRowsGivesAnEmptyFirstWindow() {
        try (var scope = db.open()) {
            Window<Sample> none = Db.scroll(jpql("select s from Sample s where s.rating > 99 order by s.id").get(),
                    null, 20);

            assertTrue(none.items().isEmpty());
            assertFalse(none.hasNext());
            assertFalse(none.hasPrevious());
        }
    }

    @Test
    void theSeekPredicateReplacesTheOffsetInTheSql() {
        try (var scope = db.open()) {
            var first = Db.scroll(jpql("select s from Sample s order by s.released desc").get(), null, 20);
            SqlLog.clear();

            Db.scroll(jpql("select s from Sample s order by s.released desc").get(), first.next(), 20);

            String sql = SqlLog.statements().get(0).sql();
            assertTrue(sql.contains("WHERE ((released <= ?) AND ((released < ?) OR ((released = ?) AND (id > ?))))"), sql);
            assertTrue(sql.contains("ORDER BY released DESC, id ASC"), sql);
        }
    }

    @Test
    void aUniqueAttributeInTheOrderNeedsNoIdAppended() {
        try (var scope = db.open()) {
            SqlLog.clear();

            Db.scroll(jpql("select s from Sample s order by s.code").get(), null, 5);

            String sql = SqlLog.statements().get(0).sql();
            assertTrue(sql.contains("ORDER BY code ASC OFFSET"), sql);
        }
    }

    @Test
    void theQueryObjectIsNotChanged() {
        try (var scope = db.open()) {
            TypedQuery<Sample> query = jpql("select s from Sample s order by s.title").get();

            Db.scroll(query, Db.scroll(query, null, 3).next(), 3);

            assertEquals(ROWS, query.getResultList().size());
        }
    }

    @Test
    void theTotalIsCountedOnlyWhenAskedFor() {
        try (var scope = db.open()) {
            Window<Sample> window = Db.scroll(
                    jpql("select s from Sample s where s.rating = 0 order by s.title").get(), null, 10);
            SqlLog.clear();

            assertEquals(ROWS / 13, window.total());
            assertEquals(ROWS / 13, window.total());
            assertEquals(1, SqlLog.statements().size(), "counted once: " + SqlLog.statements());
        }
    }

    @Test
    void aTimeOrderReadsItsBoundsBackOnlyWhenTheSessionHeldEntitiesBeforeTheWindow() {
        try (var scope = db.open()) {
            for (int i = 0; i < 5; i++) {
                Db.session().persist(new Event(Instant.parse("2026-11-30T12:00:00Z").plusNanos(i)));
            }
            Db.commit();
        }
        String latest = "select e from Event e order by e.happened desc";
        try (var scope = db.open()) {
            SqlLog.clear();

            Db.scroll(Db.session().createQuery(latest, Event.class), null, 2);

            assertEquals(1, SqlLog.statements().size(), "built from its rows: " + SqlLog.statements());
        }
        try (var scope = db.open()) {
            Db.session().createQuery("select e from Event e", Event.class).getResultList();
            SqlLog.clear();

            Db.scroll(Db.session().createQuery(latest, Event.class), null, 2);

            assertEquals(2, SqlLog.statements().size(), "the session held them: " + SqlLog.statements());
            assertTrue(SqlLog.statements().get(1).sql().contains("IN ("), SqlLog.statements().get(1).sql());
        }
    }

    @Test
    void aWindowWithNothingBeyondItsCursorLeadsBackToTheRowsBeforeTheCursor() {
        try (var scope = db.open()) {
            String jpql = "select s from Sample s where s.rating <= :max order by s.rating, s.id";
            Window<Sample> first = Db.scroll(Db.session().createQuery(jpql, Sample.class).setParameter("max", 12),
                    null, 500);
            Sample last = first.items().get(first.items().size() - 1);

            // The same query, its parameter changed: as if every row after the cursor had been deleted.
            Window<Sample> empty = Db.scroll(Db.session().createQuery(jpql, Sample.class).setParameter("max", 12)
                    .setParameter("max", 5), first.next(), 20);
            Window<Sample> before = Db.scroll(Db.session().createQuery(jpql, Sample.class).setParameter("max", 12),
                    empty.previous(), 20);

            assertTrue(empty.items().isEmpty());
            assertFalse(empty.hasNext());
            assertTrue(empty.hasPrevious());
            assertEquals(first.items().subList(480, 500), before.items());
            assertEquals(last, before.items().get(19));
        }
    }
}

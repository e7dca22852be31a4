package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.internal.eclipselink.CountQuery;
import io.dbfilter.model.BlogPost;
import io.dbfilter.model.User;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TransactionRequiredException;
import jakarta.persistence.TypedQuery;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Db.paginate's rules on a real database: which statements run, 404s, options, and the query left alone. */
class PaginateTest {
    private static final int USERS = 45;
    private static Database db;

    @BeforeAll
    static void createUsers() {
        db = TestDatabases.create(SqlLog.SETTING);
        Blog.fill(db);
        try (var scope = db.open()) {
            for (int i = 1; i <= USERS; i++) {
                Db.session().persist(new User(String.format("user-%02d", i)));
            }
            Db.commit();
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    /** The 45 users named user-01 to user-45, by name. */
    private static TypedQuery<User> users() {
        return Db.session().createQuery("select u from User u where u.username like 'user-%' order by u.username",
                User.class);
    }

    private static List<String> names(Pagination<User> page) {
        return page.items().stream().map(User::getUsername).toList();
    }

    private static long counts() {
        return SqlLog.statements().stream().filter(SqlLog.Statement::isCount).count();
    }

    @Test
    void fullPageRunsItsSelectAndOneCount() {
        try (var scope = db.open()) {
            SqlLog.clear();
            var page = Db.paginate(users(), 2, 20);

            assertEquals("user-21", names(page).get(0));
            assertEquals(20, page.items().size());
            assertEquals(45L, page.total());
            assertEquals(2, SqlLog.statements().size(), SqlLog.statements().toString());
            assertEquals(1, counts());
        }
    }

    @Test
    void shortPageSkipsTheCountQuery() {
        try (var scope = db.open()) {
            SqlLog.clear();
            var page = Db.paginate(users(), 3, 20);

            assertEquals(List.of("user-41", "user-42", "user-43", "user-44", "user-45"), names(page));
            assertEquals(45L, page.total());
            assertEquals(3, page.pages());
            assertEquals(1, SqlLog.statements().size(), SqlLog.statements().toString());
        }
    }

    @Test
    void shortFirstPageSkipsTheCountQuery() {
        try (var scope = db.open()) {
            SqlLog.clear();
            var page = Db.paginate(users(), 1, 50);

            assertEquals(45L, page.total());
            assertEquals(1, SqlLog.statements().size());
        }
    }

    @Test
    void emptyFirstPageSkipsTheCountQueryAndHasNoPages() {
        try (var scope = db.open()) {
            SqlLog.clear();
            var page = Db.paginate(Db.session().createQuery("select u from User u where u.username = 'nobody'",
                    User.class), 1, 20);

            assertEquals(0L, page.total());
            assertEquals(0, page.pages());
            assertEquals(List.of(), page.iterPages());
            assertEquals(1, SqlLog.statements().size());
        }
    }

    @Test
    void fullLastPageStillCounts() {
        try (var scope = db.open()) {
            SqlLog.clear();
            var page = Db.paginate(users(), 5, 9);

            assertEquals(9, page.items().size());
            assertEquals(45L, page.total());
            assertFalse(page.hasNext());
            assertEquals(1, counts());
        }
    }

    @Test
    void totalOfAShortPageEqualsTheCountedTotal() {
        try (var scope = db.open()) {
            for (int perPage = 1; perPage <= 46; perPage++) {
                int lastPage = (USERS + perPage - 1) / perPage;
                SqlLog.clear();
                var inferred = Db.paginate(users(), lastPage, perPage);
                boolean counted = counts() == 1;
                long total = CountQuery.of(users()).run();

                assertEquals(total, inferred.total(), "per page " + perPage);
                assertEquals(USERS % perPage == 0, counted, "per page " + perPage);
            }
        }
    }

    @Test
    void pagePastTheEndIsA404BeforeAnyCountQuery() {
        try (var scope = db.open()) {
            SqlLog.clear();
            var error = assertThrows(NotFoundException.class, () -> Db.paginate(users(), 4, 20));

            assertEquals(404, error.status());
            assertEquals("dbfilter: page 4 is past the end of the query's rows", error.getMessage());
            assertEquals(1, SqlLog.statements().size());
            assertEquals(0, counts());
        }
    }

    @Test
    void pagePastTheEndWithoutErrorOutIsEmptyAndCounted() {
        try (var scope = db.open()) {
            SqlLog.clear();
            var page = Db.paginate(users(), PageRequest.of(7, 20).errorOut(false));

            assertEquals(List.of(), page.items());
            assertEquals(45L, page.total());
            assertEquals(7, page.page());
            assertEquals(0, page.first());
            assertEquals(0, page.last());
            assertEquals(6, page.prevNum());
            assertFalse(page.hasNext());
            assertEquals(1, counts());
        }
    }

    @Test
    void aPageStartingBeyondIntOffsetsRunsNoRowQueryAndIsPastTheEnd() {
        try (var scope = db.open()) {
            SqlLog.clear();
            // Rows 2,147,000,000 to 2,147,999,999: a JPA offset (an int) reaches the first, not the last.
            var page = Db.paginate(users(), PageRequest.of(2148, 1_000_000).errorOut(false));

            assertEquals(List.of(), page.items());
            assertEquals(45L, page.total());
            assertEquals(1, SqlLog.statements().size(), SqlLog.statements().toString());
            assertEquals(1, counts());
        }
    }

    @Test
    void theLastPageThatIntOffsetsReachIsStillQueried() {
        try (var scope = db.open()) {
            SqlLog.clear();
            var page = Db.paginate(users(), PageRequest.of(Integer.MAX_VALUE, 1).errorOut(false));

            assertEquals(List.of(), page.items());
            assertEquals(2, SqlLog.statements().size(), SqlLog.statements().toString());
            assertEquals(1, counts());
        }
    }

    @Test
    void namedAndPositionalParametersAreBoundInThePagesQuery() {
        try (var scope = db.open()) {
            var named = Db.session().createQuery("select u from User u where u.username like :prefix order by"
                    + " u.username", User.class).setParameter("prefix", "user-1%");
            var positional = Db.session().createQuery("select u from User u where u.username like ?1 order by"
                    + " u.username", User.class).setParameter(1, "user-2%");

            assertEquals(List.of("user-12", "user-13"), names(Db.paginate(named, 2, 2)));
            assertEquals(10L, Db.paginate(named, 1, 2).total());
            assertEquals(List.of("user-22", "user-23"), names(Db.paginate(positional, 2, 2)));
        }
    }

    @Test
    void emptyFirstPageIsNeverA404() {
        try (var scope = db.open()) {
            var page = Db.paginate(Db.session().createQuery("select u from User u where u.username = 'nobody'",
                    User.class), PageRequest.of(1, 20));

            assertEquals(List.of(), page.items());
        }
    }

    @Test
    void countFalseSkipsTheCountQuery() {
        try (var scope = db.open()) {
            SqlLog.clear();
            var page = Db.paginate(users(), PageRequest.of(2, 20).count(false));

            assertEquals(20, page.items().size());
            assertNull(page.total());
            assertEquals(0, page.pages());
            assertFalse(page.hasNext());
            assertTrue(page.hasPrev());
            assertEquals(1, SqlLog.statements().size());
        }
    }

    @Test
    void maxPerPageCapsThePage() {
        try (var scope = db.open()) {
            var page = Db.paginate(users(), PageRequest.of(1, 1000).maxPerPage(10));

            assertEquals(10, page.perPage());
            assertEquals(10, page.maxPerPage());
            assertEquals(10, page.items().size());
            assertEquals(5, page.pages());
        }
    }

    @Test
    void paginatedQueryIsLeftAsItWas() {
        try (var scope = db.open()) {
            TypedQuery<User> query = users();
            Db.paginate(query, 3, 10);
            Db.paginate(query, 1, 4);

            assertEquals(0, query.getFirstResult());
            assertEquals(Integer.MAX_VALUE, query.getMaxResults());
            assertEquals(USERS, query.getResultList().size());
        }
    }

    @Test
    void nextAndPrevKeepEveryOption() {
        try (var scope = db.open()) {
            var page = Db.paginate(users(), PageRequest.of(2, 7).maxPerPage(50).errorOut(false).count(false));

            var next = page.next();
            var prev = page.prev();

            assertEquals(3, next.page());
            assertEquals(7, next.perPage());
            assertEquals(50, next.maxPerPage());
            assertNull(next.total());
            assertEquals("user-15", names(next).get(0));
            assertEquals(1, prev.page());
            assertEquals(7, prev.perPage());
            assertNull(prev.total());
            assertEquals("user-01", names(prev).get(0));
        }
    }

    @Test
    void nextAndPrevKeepTheTotalOfTheirPage() {
        try (var scope = db.open()) {
            var next = Db.paginate(users(), 1, 20).next();

            assertEquals(2, next.page());
            assertEquals(45L, next.total());
            assertEquals(3, next.nextNum());
        }
    }

    @Test
    void nextOfTheLastPageIsEmptyNeverA404() {
        try (var scope = db.open()) {
            var past = Db.paginate(users(), 3, 20).next();

            assertEquals(4, past.page());
            assertEquals(List.of(), past.items());
            assertEquals(45L, past.total());
        }
    }

    @Test
    void prevOfTheFirstPageIsPageOneNeverA404() {
        try (var scope = db.open()) {
            var first = Db.paginate(users(), 1, 20).prev();

            assertEquals(1, first.page());
            assertEquals("user-01", names(first).get(0));
        }
    }

    @Test
    void nextAndPrevCarryTheTotalInsteadOfCountingAgain() {
        try (Database recording = Database.create(TestDatabases.settings("db.recordQueries", "true"));
                var scope = recording.open()) {
            recording.createAll();
            for (int i = 0; i < 45; i++) {
                Db.session().persist(new User(String.format("user-%02d", i + 1)));
            }
            Db.commit();
            var page = Db.paginate(Db.session().createQuery("select u from User u order by u.username", User.class),
                    1, 20);
            int before = Db.recordedQueries().size();

            var next = page.next();
            var back = next.prev();

            assertEquals(45L, next.total());
            assertEquals(45L, back.total());
            assertEquals(2, Db.recordedQueries().size() - before, "one SELECT per page, and no count");
        }
    }

    @Test
    void outsideARequestPaginateUsesPageOneAndTwentyPerPage() {
        try (var scope = db.open()) {
            var page = Db.paginate(users());

            assertEquals(1, page.page());
            assertEquals(20, page.perPage());
            assertEquals(2, page.next().page());
        }
    }

    @Test
    void explicitValuesWorkWithoutAnyScope() {
        EntityManager session = db.entityManagerFactory().createEntityManager();
        try {
            assertFalse(Db.inScope());
            var page = Db.paginate(session.createQuery("select u from User u where u.username like 'user-%'"
                    + " order by u.username", User.class), 2, 10);

            assertEquals("user-11", names(page).get(0));
            assertEquals(45L, page.total());
        } finally {
            session.close();
        }
    }

    @Test
    void nativeQueryIsRefused() {
        try (var scope = db.open()) {
            @SuppressWarnings("unchecked")
            TypedQuery<User> query = (TypedQuery<User>) Db.session().createNativeQuery("SELECT * FROM \"user\"",
                    User.class);

            var error = assertThrows(IllegalArgumentException.class, () -> Db.paginate(query, 1, 10));
            assertTrue(error.getMessage().startsWith("dbfilter: paginate needs a JPQL or criteria SELECT query"),
                    error.getMessage());
        }
    }

    @Test
    void collectionFetchJoinIsRefusedBeforeAnyStatementRuns() {
        try (var scope = db.open()) {
            for (String jpql : List.of("select p from BlogPost p join fetch p.tags order by p.title",
                    "select distinct p from BlogPost p left join fetch p.tags order by p.title")) {
                SqlLog.clear();
                var error = assertThrows(IllegalArgumentException.class,
                        () -> Db.paginate(Db.session().createQuery(jpql, BlogPost.class), 1, 10));

                assertTrue(error.getMessage().startsWith("dbfilter: paginate cannot page a query that fetch-joins a"
                        + " collection"), error.getMessage());
                assertTrue(error.getMessage().contains("eclipselink.batch.type=IN"), error.getMessage());
                assertTrue(error.getMessage().endsWith(jpql), error.getMessage());
                assertEquals(List.of(), SqlLog.statements());
            }
        }
    }

    @Test
    void collectionFetchJoinByHintIsRefusedToo() {
        try (var scope = db.open()) {
            var query = Db.session().createQuery("select p from BlogPost p order by p.title", BlogPost.class)
                    .setHint("eclipselink.left-join-fetch", "p.tags");

            assertThrows(IllegalArgumentException.class, () -> Db.paginate(query, 1, 10));
        }
    }

    @Test
    void batchFetchLoadsTheCollectionsOfAPageInOneMoreStatement() {
        try (var scope = db.open()) {
            Db.session().createQuery("select u from User u", User.class).getResultList();
            var query = Db.session().createQuery("select p from BlogPost p order by p.title", BlogPost.class)
                    .setHint("eclipselink.batch", "p.tags").setHint("eclipselink.batch.type", "IN");
            SqlLog.clear();

            var page = Db.paginate(query, 1, 10);
            int tags = page.items().stream().mapToInt(post -> post.getTags().size()).sum();

            assertEquals(10, page.items().size());
            assertEquals(45L, page.total());
            // post-01 to post-10: one, two, three or no tags by i % 4.
            assertEquals(1 + 2 + 3 + 0 + 1 + 2 + 3 + 0 + 1 + 2, tags);
            assertEquals(3, SqlLog.statements().size(), SqlLog.statements().toString());
            assertTrue(SqlLog.statements().get(2).sql().contains(" IN "), SqlLog.statements().get(2).sql());
        }
    }

    @Test
    void flushModeOfTheQueryDecidesWhetherUnflushedRowsCount() {
        try (var scope = db.open()) {
            Db.session().persist(new User("user-46"));

            // Page 1 is full, so its total comes from the count query; page 3 is short and tells it.
            assertEquals(45L, Db.paginate(users().setFlushMode(FlushModeType.COMMIT), 1, 20).total());
            assertEquals(45L, Db.paginate(users().setFlushMode(FlushModeType.COMMIT), 3, 20).total());

            assertEquals(46L, Db.paginate(users().setFlushMode(FlushModeType.AUTO), 1, 20).total());
            var auto = Db.paginate(users().setFlushMode(FlushModeType.AUTO), 3, 20);
            assertEquals(46L, auto.total());
            assertEquals("user-46", names(auto).get(5));
        }
    }

    @Test
    void lockModeOfTheQueryIsKeptForThePage() {
        EntityManager session = db.entityManagerFactory().createEntityManager();
        try {
            var locked = session.createQuery("select u from User u order by u.username", User.class)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE);

            // A pessimistic lock needs a transaction; this one has none, so only a locking page fails.
            assertThrows(TransactionRequiredException.class, () -> Db.paginate(locked, 1, 20));
        } finally {
            session.close();
        }
    }

    @Test
    void countOfALockedQueryTakesNoLock() {
        try (var scope = db.open()) {
            // Derby refuses FOR UPDATE with ORDER BY.
            var locked = Db.session().createQuery("select u from User u where u.username like 'user-%'", User.class)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE);
            locked.getResultList();
            SqlLog.clear();

            var page = Db.paginate(locked, 1, 20);

            assertEquals(45L, page.total());
            SqlLog.Statement count = SqlLog.statements().get(1);
            assertTrue(count.isCount());
            assertFalse(count.sql().contains("FOR UPDATE"), count.sql());
        }
    }
}

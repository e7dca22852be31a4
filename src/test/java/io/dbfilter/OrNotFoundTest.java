package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.model.User;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** getOr404, firstOr404 and oneOr404 in a scope, without HTTP. */
class OrNotFoundTest {
    private static Database db;
    private static long annId;

    @BeforeAll
    static void createUsers() {
        db = TestDatabases.create(SqlLog.SETTING);
        try (var scope = db.open()) {
            var ann = new User("ann");
            Db.session().persist(ann);
            Db.session().persist(new User("bob"));
            Db.commit();
            annId = ann.getId();
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void getOr404FindsByKey() {
        try (var scope = db.open()) {
            assertEquals("ann", Db.getOr404(User.class, annId).getUsername());
        }
    }

    @Test
    void getOr404FindsByTheKeyWrittenAsText() {
        try (var scope = db.open()) {
            assertEquals("ann", Db.getOr404(User.class, Long.toString(annId)).getUsername());
            assertEquals("ann", Db.getOr404(User.class, (int) annId).getUsername());
        }
    }

    @Test
    void getOr404OfAMissingKeyIsA404WithTheDescription() {
        try (var scope = db.open()) {
            var error = assertThrows(NotFoundException.class, () -> Db.getOr404(User.class, 999_999L, "No such user."));

            assertEquals(404, error.status());
            assertEquals("No such user.", error.description());
            assertEquals("No such user.", error.getMessage());
        }
    }

    @Test
    void getOr400FindsByKeyAndAMissingKeyIsA400WithTheDescription() {
        try (var scope = db.open()) {
            assertEquals("ann", Db.getOr400(User.class, annId, "No such user.").getUsername());
            var error = assertThrows(BadRequestException.class, () -> Db.getOr400(User.class, 999_999L, "No such user."));

            assertEquals(400, error.status());
            assertEquals("No such user.", error.description());
        }
    }

    @Test
    void getOr404WithoutDescriptionLeavesTheTextToTheContainer() {
        try (var scope = db.open()) {
            var error = assertThrows(NotFoundException.class, () -> Db.getOr404(User.class, 999_999L));

            assertNull(error.description());
            assertEquals("dbfilter: no User has the id given", error.getMessage());
        }
    }

    @Test
    void getOr404OfAnIdOfTheWrongTypeIsA404WithoutAnyQuery() {
        try (var scope = db.open()) {
            SqlLog.clear();
            for (Object id : new Object[] {"abc", "", "99999999999999999999", 4.2, null}) {
                assertThrows(NotFoundException.class, () -> Db.getOr404(User.class, id), String.valueOf(id));
            }
            assertEquals(List.of(), SqlLog.statements());
        }
    }

    @Test
    void getOr404OfAClassThatIsNotAnEntityIsAProgrammingError() {
        try (var scope = db.open()) {
            assertThrows(IllegalArgumentException.class, () -> Db.getOr404(String.class, 1L));
        }
    }

    @Test
    void helpersNeedAScope() {
        assertThrows(IllegalStateException.class, () -> Db.getOr404(User.class, 1L));
    }

    @Test
    void firstOr404ReturnsTheFirstRowAndFetchesOnlyThatRow() {
        try (var scope = db.open()) {
            SqlLog.clear();
            var first = Db.firstOr404(Db.session().createQuery("select u from User u order by u.username desc",
                    User.class));

            assertEquals("bob", first.getUsername());
            assertEquals(1, SqlLog.statements().get(0).rows());
            assertTrue(SqlLog.statements().get(0).sql().contains("FETCH NEXT ? ROWS ONLY"));
        }
    }

    @Test
    void firstOr404OfNoRowIsA404WithTheDescription() {
        try (var scope = db.open()) {
            var error = assertThrows(NotFoundException.class, () -> Db.firstOr404(Db.session().createQuery(
                    "select u from User u where u.username = 'nobody'", User.class), "Nobody here."));

            assertEquals("Nobody here.", error.description());
        }
    }

    @Test
    void firstOr404OfANullValueIsA404AsInFlask() {
        try (var scope = db.open()) {
            var query = Db.session().createQuery("select u.email from User u where u.username = 'ann'", String.class);

            assertThrows(NotFoundException.class, () -> Db.firstOr404(query));
        }
    }

    @Test
    void oneOr404ReturnsTheOnlyRow() {
        try (var scope = db.open()) {
            var ann = Db.oneOr404(Db.session().createQuery("select u from User u where u.username = :name", User.class)
                    .setParameter("name", "ann"));

            assertEquals("ann", ann.getUsername());
        }
    }

    @Test
    void oneOr404OfNoRowIsA404() {
        try (var scope = db.open()) {
            var error = assertThrows(NotFoundException.class, () -> Db.oneOr404(Db.session().createQuery(
                    "select u from User u where u.username = 'nobody'", User.class), "Nobody."));

            assertEquals("Nobody.", error.description());
            assertEquals("Nobody.", error.getMessage());
        }
    }

    @Test
    void oneOr404OfSeveralRowsIsA404AndFetchesTwoAtMost() {
        try (var scope = db.open()) {
            SqlLog.clear();
            var error = assertThrows(NotFoundException.class, () -> Db.oneOr404(Db.session().createQuery(
                    "select u from User u", User.class)));

            assertNull(error.description());
            assertEquals("dbfilter: the query found more than one row where one was expected", error.getMessage());
            assertEquals(2, SqlLog.statements().get(0).rows());
        }
    }

    @Test
    void oneOr404OfANullValueReturnsNullAsInFlask() {
        try (var scope = db.open()) {
            assertNull(Db.oneOr404(Db.session().createQuery("select u.email from User u where u.username = 'ann'",
                    String.class)));
        }
    }

    @Test
    void aFailedHelperLeavesTheTransactionUsable() {
        try (var scope = db.open()) {
            assertThrows(NotFoundException.class, () -> Db.oneOr404(Db.session().createQuery("select u from User u",
                    User.class)));
            assertThrows(NotFoundException.class, () -> Db.getOr404(User.class, "abc"));
            var cyd = new User("cyd");
            Db.session().persist(cyd);
            Db.commit();

            assertSame(cyd, Db.getOr404(User.class, cyd.getId()));
            Db.session().remove(cyd);
            Db.commit();
        }
    }

    @Test
    void notFoundExceptionMadeByTheApplicationCarriesItsDescription() {
        var error = new NotFoundException("Gone fishing.");

        assertEquals(404, error.status());
        assertEquals("Gone fishing.", error.description());
        assertEquals("Gone fishing.", error.getMessage());
        assertEquals("Not Found", new NotFoundException(null).getMessage());
    }
}

package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dbfilter.model.User;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/testing.md's first sample, run as written: one in-memory database per test class and a
 * scope per test whose closing rolls back what the test did. Both tests insert the same unique
 * username, so whichever runs second fails if the first one's row survived.
 */
class TestingGuideTest {
    // --- docs/testing.md: a database per test class, a rolled-back scope per test ---
    private static Database db;
    private Scope scope;

    @BeforeAll
    static void createDatabase() {
        db = Database.create(Map.of(
                "db.url", "jdbc:derby:memory:" + TestingGuideTest.class.getSimpleName() + ";create=true",
                "db.packages", "io.dbfilter.model"));
        db.createAll();
    }

    @AfterAll
    static void closeDatabase() {
        db.close(); // an in-memory Derby database is dropped with it
    }

    @BeforeEach
    void openScope() {
        scope = db.open();
    }

    @AfterEach
    void closeScope() {
        scope.close(); // rolls back whatever the test did not commit
    }

    @Test
    void aNewUserIsFoundByName() {
        Db.session().persist(new User("ann"));
        Db.session().flush(); // sends the INSERT inside the transaction, without committing it

        User found = Db.session().createQuery("select u from User u where u.username = :name", User.class)
                .setParameter("name", "ann")
                .getSingleResult();

        assertEquals("ann", found.getUsername());
    }

    @Test
    void eachTestStartsFromTheSameEmptyTable() {
        Db.session().persist(new User("ann")); // a unique username: fails if a test's row survived
        Db.session().flush();

        long users = Db.session().createQuery("select count(u) from User u", Long.class).getSingleResult();

        assertEquals(1, users);
    }
    // --- end of the sample ---
}

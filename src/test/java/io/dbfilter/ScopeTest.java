package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.model.User;
import jakarta.persistence.EntityManager;
import jakarta.persistence.RollbackException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScopeTest {
    private static Database db;

    @BeforeAll
    static void start() {
        db = TestDatabases.create();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @AfterEach
    void noScopeOrSessionIsLeftBehind() {
        assertFalse(Db.inScope(), "a test left a scope bound");
        assertEquals(0, db.openSessions(), "a test left an EntityManager open");
        try (Scope scope = db.open()) {
            Db.session().createQuery("delete from User").executeUpdate();
            Db.commit();
        }
    }

    private static long users() {
        try (Scope scope = db.open()) {
            return Db.session().createQuery("select count(u) from User u", Long.class).getSingleResult();
        }
    }

    @Test
    void sessionWithoutAScopeSaysHowToBindOne() {
        var error = assertThrows(IllegalStateException.class, Db::session);

        assertTrue(error.getMessage().contains("map io.dbfilter.DbFilter to this URL"), error.getMessage());
        assertTrue(error.getMessage().contains("try (Scope scope = database.open())"), error.getMessage());
    }

    @Test
    void commitAndRollbackWithoutAScopeFailTheSameWay() {
        assertThrows(IllegalStateException.class, Db::commit);
        assertThrows(IllegalStateException.class, Db::rollback);
    }

    @Test
    void sessionIsCreatedOnFirstUseWithATransactionBegun() {
        try (Scope scope = db.open()) {
            assertFalse(scope.hasSession());
            assertEquals(0, db.openSessions());

            EntityManager session = Db.session();

            assertTrue(session.getTransaction().isActive());
            assertTrue(scope.hasSession());
            assertSame(session, Db.session());
            assertEquals(1, db.openSessions());
        }
    }

    @Test
    void uncommittedWorkIsRolledBackWhenTheScopeCloses() {
        try (Scope scope = db.open()) {
            Db.session().persist(new User("ann"));
            Db.session().flush();
        }

        assertEquals(0, users());
    }

    @Test
    void committedWorkIsVisibleToTheNextScope() {
        try (Scope scope = db.open()) {
            Db.session().persist(new User("ann"));
            Db.commit();
        }

        assertEquals(1, users());
    }

    @Test
    void aKeptSessionReferenceStaysInATransactionAfterCommit() {
        try (Scope scope = db.open()) {
            EntityManager session = Db.session();
            session.persist(new User("ann"));
            Db.commit();
            session.persist(new User("bob"));
            Db.commit();
        }

        assertEquals(2, users());
    }

    @Test
    void rollbackDiscardsWorkAndTheSessionGoesOn() {
        try (Scope scope = db.open()) {
            Db.session().persist(new User("ann"));
            Db.rollback();
            Db.session().persist(new User("bob"));
            Db.commit();
        }

        assertEquals(1, users());
    }

    @Test
    void failedCommitLeavesTheDatabaseAsItWasAndTheSessionUsable() {
        try (Scope scope = db.open()) {
            Db.session().persist(new User("ann"));
            Db.commit();
            Db.session().persist(new User("ann"));
            assertThrows(RollbackException.class, Db::commit);
            Db.session().persist(new User("bob"));
            Db.commit();
        }

        assertEquals(2, users());
    }

    @Test
    void commitWithoutUsingTheSessionDoesNothing() {
        try (Scope scope = db.open()) {
            Db.commit();
            Db.rollback();
            assertFalse(scope.hasSession());
        }
    }

    @Test
    void nestedOpenJoinsTheOuterScopeAndItsSession() {
        try (Scope outer = db.open()) {
            EntityManager session = Db.session();
            session.persist(new User("ann"));
            try (Scope inner = db.open()) {
                assertNotSame(outer, inner);
                assertSame(session, Db.session());
            }
            assertTrue(session.isOpen(), "closing the inner scope closed the outer session");
            assertTrue(Db.inScope());
            Db.commit();
        }

        assertEquals(1, users());
    }

    @Test
    void aScopeOfAnotherDatabaseIsBoundInsideAndTheOuterOneRestored() {
        try (Database other = TestDatabases.create(); Scope outer = db.open()) {
            try (Scope inner = other.open()) {
                assertSame(other, Db.database());
                Db.session().persist(new User("ann"));
                Db.commit();
            }
            assertSame(db, Db.database());
        }

        assertEquals(0, users());
    }

    @Test
    @SuppressWarnings("removal")
    void theDeprecatedNamesOfScopeAndIsBoundStillWork() {
        try (Database.Scope scope = db.open()) {
            assertSame(db, scope.database());
            assertTrue(Db.isBound());
            Db.session().persist(new User("ann"));
            Db.commit();
        }

        assertFalse(Db.isBound());
        assertEquals(1, users());
    }

    @Test
    void closingAScopeTwiceDoesNothing() {
        Scope scope = db.open();
        Db.session();
        scope.close();
        scope.close();

        assertFalse(Db.inScope());
        assertEquals(0, db.openSessions());
    }

    @Test
    void aScopeCannotBeClosedOnAnotherThread() throws Exception {
        try (Scope scope = db.open()) {
            var error = CompletableFuture.supplyAsync(() -> assertThrows(IllegalStateException.class, scope::close))
                    .get();

            assertTrue(error.getMessage().contains("must be closed on the thread that opened it"), error.getMessage());
            assertTrue(Db.inScope());
        }
    }

    @Test
    void anotherThreadSeesNoScope() throws ExecutionException, InterruptedException {
        try (Scope scope = db.open()) {
            assertFalse(CompletableFuture.supplyAsync(Db::isBound).get());
        }
    }

    @Test
    void openingAClosedDatabaseFails() {
        Database closed = TestDatabases.create();
        closed.close();

        var error = assertThrows(IllegalStateException.class, closed::open);
        assertTrue(error.getMessage().endsWith("is closed."), error.getMessage());
    }
}

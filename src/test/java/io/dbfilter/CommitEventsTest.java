package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.Change.Operation;
import io.dbfilter.model.User;
import jakarta.persistence.RollbackException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommitEventsTest {
    private Database db;
    private final List<String> events = new ArrayList<>();

    @BeforeEach
    void start() {
        db = TestDatabases.create("db.trackModifications", "true");
    }

    @AfterEach
    void stop() {
        db.close();
    }

    /** Records what a listener received as "when:OPERATION:username" lines. */
    private void listen() {
        db.onBeforeCommit(changes -> changes.forEach(change -> events.add("before:" + describe(change))));
        db.onAfterCommit(changes -> changes.forEach(change -> events.add("after:" + describe(change))));
    }

    private static String describe(Change change) {
        return change.operation() + ":" + ((User) change.entity()).getUsername();
    }

    private long users() {
        try (Scope scope = db.open()) {
            return Db.session().createQuery("select count(u) from User u", Long.class).getSingleResult();
        }
    }

    @Test
    void insertUpdateAndDeleteReachTheListenersInFlushOrder() {
        listen();
        try (Scope scope = db.open()) {
            var ann = new User("ann");
            var bob = new User("bob");
            Db.session().persist(ann);
            Db.session().flush();
            Db.session().persist(bob);
            Db.commit();
            ann.setEmail("ann@example.org");
            Db.session().remove(bob);
            Db.commit();
        }

        assertEquals(List.of("before:INSERT:ann", "before:INSERT:bob", "after:INSERT:ann", "after:INSERT:bob",
                "before:UPDATE:ann", "before:DELETE:bob", "after:UPDATE:ann", "after:DELETE:bob"), events);
    }

    @Test
    void aChangeHoldsTheSessionsOwnEntityInstance() {
        var received = new ArrayList<Change>();
        db.onAfterCommit(received::addAll);
        try (Scope scope = db.open()) {
            var ann = new User("ann");
            Db.session().persist(ann);
            Db.commit();

            assertEquals(1, received.size());
            assertSame(ann, received.get(0).entity());
            assertEquals(Operation.INSERT, received.get(0).operation());
        }
    }

    @Test
    void anUnchangedEntityIsNotReported() {
        listen();
        try (Scope scope = db.open()) {
            var ann = new User("ann");
            Db.session().persist(ann);
            Db.commit();
            events.clear();
            ann.setEmail(null);
            Db.commit();
        }

        assertEquals(List.of(), events);
    }

    @Test
    void rollbackDiscardsPendingChangesAndFiresNothing() {
        listen();
        try (Scope scope = db.open()) {
            Db.session().persist(new User("ghost"));
            Db.session().flush();
            Db.rollback();
            Db.session().persist(new User("bob"));
            Db.commit();
            Db.session().persist(new User("never-committed"));
            Db.session().flush();
        }

        assertEquals(List.of("before:INSERT:bob", "after:INSERT:bob"), events);
    }

    @Test
    void bulkJpqlChangesRowsNotEntitiesAndIsNotReported() {
        listen();
        try (Scope scope = db.open()) {
            Db.session().persist(new User("ann"));
            Db.commit();
            events.clear();
            Db.session().createQuery("update User u set u.email = 'all@example.org'").executeUpdate();
            Db.session().createQuery("delete from User u").executeUpdate();
            Db.commit();
        }

        assertEquals(List.of(), events);
        assertEquals(0, users());
    }

    @Test
    void aBeforeCommitListenerCanChangeDataAndItIsCommittedAndReported() {
        db.onBeforeCommit(changes -> {
            if (changes.stream().anyMatch(change -> ((User) change.entity()).getUsername().equals("ann"))) {
                Db.session().persist(new User("audit-of-ann"));
            }
        });
        db.onAfterCommit(changes -> changes.forEach(change -> events.add("after:" + describe(change))));
        try (Scope scope = db.open()) {
            Db.session().persist(new User("ann"));
            Db.commit();
        }

        assertEquals(List.of("after:INSERT:ann", "after:INSERT:audit-of-ann"), events);
        assertEquals(2, users());
    }

    @Test
    void aFailingBeforeCommitListenerRollsTheTransactionBack() {
        db.onBeforeCommit(changes -> {
            throw new IllegalStateException("refused");
        });
        db.onAfterCommit(changes -> events.add("after"));
        try (Scope scope = db.open()) {
            Db.session().persist(new User("ann"));
            var error = assertThrows(IllegalStateException.class, Db::commit);

            assertEquals("refused", error.getMessage());
            assertTrue(Db.session().getTransaction().isActive(), "the next transaction was not begun");
        }

        assertEquals(List.of(), events);
        assertEquals(0, users());
    }

    @Test
    void aFailedCommitFiresNoAfterCommitListener() {
        listen();
        try (Scope scope = db.open()) {
            Db.session().persist(new User("ann"));
            Db.commit();
            events.clear();
            Db.session().persist(new User("ann"));
            assertThrows(RollbackException.class, Db::commit);
            Db.session().persist(new User("bob"));
            Db.commit();
        }

        assertEquals(List.of("before:INSERT:bob", "after:INSERT:bob"), events);
    }

    @Test
    void aFailingAfterCommitListenerIsLoggedAndNeitherUndoesTheCommitNorStopsTheOthers() {
        db.onAfterCommit(changes -> {
            throw new IllegalStateException("listener broke");
        });
        db.onAfterCommit(changes -> events.add("second ran"));
        String output = SchemaTest.captureOutput(() -> {
            try (Scope scope = db.open()) {
                Db.session().persist(new User("ann"));
                Db.commit();
            }
        });

        assertEquals(List.of("second ran"), events);
        assertEquals(1, users());
        assertTrue(output.contains("an after-commit listener failed") && output.contains("listener broke"), output);
    }

    @Test
    void registeringAListenerWithTrackingOffSaysWhichKeyToSet() {
        try (Database off = TestDatabases.create()) {
            var before = assertThrows(IllegalStateException.class, () -> off.onBeforeCommit(changes -> { }));
            var after = assertThrows(IllegalStateException.class, () -> off.onAfterCommit(changes -> { }));

            assertTrue(before.getMessage().startsWith("dbfilter: Database.onBeforeCommit needs"
                    + " db.trackModifications=true"), before.getMessage());
            assertTrue(after.getMessage().contains("db.trackModifications=true"), after.getMessage());
        }
    }
}

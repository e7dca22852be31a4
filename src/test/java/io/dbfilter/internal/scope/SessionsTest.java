package io.dbfilter.internal.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import jakarta.persistence.RollbackException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The EntityManagers of one scope across binds: created on use, committed in bind order, closed together. */
class SessionsTest {
    private final Journal journal = new Journal();
    private final Engines engines = journal.engines(List.of("analytics", "audit"));
    private final Sessions sessions = new Sessions(engines);

    @Test
    void aBindsSessionIsCreatedOnceAndItsTransactionBegunAgainWhenEnded() {
        var session = sessions.get(1);
        session.getTransaction().commit();

        assertSame(session, sessions.get(1));
        assertTrue(session.getTransaction().isActive());
        assertEquals(List.of("create analytics", "begin analytics", "commit analytics", "begin analytics"),
                journal.events);
        assertTrue(sessions.has(1));
        assertFalse(sessions.has(0));
    }

    @Test
    void withoutAnActiveTransactionThereIsNothingToCommit() {
        assertFalse(sessions.hasActive());
        sessions.get(2).getTransaction().rollback();

        assertFalse(sessions.hasActive());
        assertEquals(List.of(), journal.since(sessions::commit));
        sessions.get(2);
        assertTrue(sessions.hasActive());
    }

    @Test
    void oneActiveBindCommitsAndBeginsItsNextTransaction() {
        sessions.get(2);

        assertEquals(List.of("commit audit", "begin audit"), journal.since(sessions::commit));
    }

    @Test
    void oneFailingBindStillBeginsItsNextTransaction() {
        journal.failing.add("commit audit");
        sessions.get(2);

        assertThrows(PersistenceException.class, sessions::commit);

        assertEquals(List.of("create audit", "begin audit", "commit audit", "begin audit"), journal.events);
    }

    @Test
    void severalBindsCommitInBindOrderEachBeginningItsNext() {
        sessions.get(2);
        sessions.get(0);
        sessions.get(1);

        assertEquals(List.of("commit default", "begin default", "commit analytics", "begin analytics", "commit audit",
                "begin audit"), journal.since(sessions::commit));
    }

    @Test
    void aBindWithoutAnActiveTransactionIsLeftOutOfTheCommit() {
        sessions.get(0);
        sessions.get(1).getTransaction().rollback();
        sessions.get(2);
        sessions.get(1).getTransaction().rollback();

        assertEquals(List.of("commit default", "begin default", "commit audit", "begin audit"),
                journal.since(sessions::commit));
    }

    @Test
    void aFailedCommitRollsBackTheLaterBindsAndNamesWhatWasCommitted() {
        journal.failing.add("commit analytics");
        sessions.get(0);
        sessions.get(1);
        sessions.get(2);

        var error = assertThrows(RollbackException.class, sessions::commit);

        assertEquals("dbfilter: Db.commit() failed on bind 'analytics' after committing the default bind; rolled"
                + " back instead: bind 'audit'. Binds are separate databases and Db.commit() is not a distributed"
                + " transaction: the committed work stays, so the databases now disagree until the application"
                + " repairs them. The cause is attached.", error.getMessage());
        assertEquals("commit analytics failed", error.getCause().getMessage());
        assertTrue(journal.events.containsAll(List.of("rollback audit", "begin audit", "begin analytics")));
        assertTrue(sessions.hasActive());
    }

    @Test
    void aFailedFirstCommitSaysNoBindsWorkWasCommitted() {
        journal.failing.add("commit default");
        sessions.get(0);
        sessions.get(1);

        var error = assertThrows(RollbackException.class, sessions::commit);

        assertEquals("dbfilter: Db.commit() failed on the default bind after committing nothing; rolled back instead:"
                + " bind 'analytics'. Binds are separate databases and Db.commit() is not a distributed transaction:"
                + " no bind's work was committed. The cause is attached.", error.getMessage());
    }

    @Test
    void aFailedLastCommitHasNothingRolledBackInstead() {
        journal.failing.add("commit analytics");
        sessions.get(0);
        sessions.get(1);

        var error = assertThrows(RollbackException.class, sessions::commit);

        assertTrue(error.getMessage().startsWith("dbfilter: Db.commit() failed on bind 'analytics' after committing"
                + " the default bind. Binds are"), error.getMessage());
        assertEquals(0, error.getCause().getSuppressed().length);
    }

    @Test
    void aFailingRollbackInsteadOfACommitIsSuppressedIntoTheFirstFailure() {
        journal.failing.add("commit default");
        journal.failing.add("rollback audit");
        sessions.get(0);
        sessions.get(2);

        var error = assertThrows(RollbackException.class, sessions::commit);

        assertTrue(error.getMessage().contains("committing nothing. Binds"), error.getMessage());
        assertEquals("rollback audit failed", error.getCause().getSuppressed()[0].getMessage());
    }

    @Test
    void rollbackRollsBackEveryActiveBindAndBeginsItsNext() {
        sessions.get(0);
        sessions.get(2);

        assertEquals(List.of("rollback default", "begin default", "rollback audit", "begin audit"),
                journal.since(sessions::rollback));
    }

    @Test
    void aFailingRollbackGoesOnWithTheOtherBindsAndThrowsAtTheEnd() {
        journal.failing.add("rollback default");
        sessions.get(0);
        sessions.get(2);

        List<String> events = journal.since(() -> assertThrows(PersistenceException.class, sessions::rollback));

        assertEquals(List.of("rollback default", "begin default", "rollback audit", "begin audit"), events);
    }

    @Test
    void flushFlushesEveryActiveBindInOrder() {
        sessions.get(2);
        sessions.get(1);
        sessions.get(0).getTransaction().rollback();

        assertEquals(List.of("flush analytics", "flush audit"), journal.since(sessions::flush));
    }

    @Test
    void closeRollsBackWhatIsActiveClosesEverySessionAndCountsThemClosed() {
        sessions.get(0);
        sessions.get(2).getTransaction().commit();
        assertEquals(2, engines.openSessions());

        assertEquals(List.of("rollback default", "close default", "close audit"), journal.since(sessions::close));
        assertEquals(0, engines.openSessions());
        assertFalse(sessions.has(0));
        assertFalse(sessions.has(2));
    }

    @Test
    void closeGoesOnPastFailuresAndThrowsTheFirstWithTheOthersSuppressed() {
        journal.failing.add("rollback default");
        journal.failing.add("close analytics");
        sessions.get(0);
        sessions.get(1);

        var error = assertThrows(PersistenceException.class, sessions::close);

        assertEquals("rollback default failed", error.getMessage());
        assertEquals("close analytics failed", error.getSuppressed()[0].getMessage());
        assertTrue(journal.events.containsAll(List.of("close default", "rollback analytics", "close analytics")));
        assertEquals(0, engines.openSessions());
    }
}

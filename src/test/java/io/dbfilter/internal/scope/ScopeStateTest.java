package io.dbfilter.internal.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.internal.jdbc.SingleUpdate;
import jakarta.persistence.PersistenceException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A scope's life on its thread, its one commit path and what its listeners hear, without a database. */
class ScopeStateTest {
    private final Journal journal = new Journal();

    @AfterEach
    void noScopeIsLeftBound() {
        ScopeState left = ThreadScope.current();
        while (ThreadScope.current() != null) {
            ThreadScope.current().abandon();
        }
        assertNull(left, "a test left a scope bound");
    }

    @Test
    void enteringBindsANewScopeToTheThreadAndTellsTheListenersInOrder() {
        Engines engines = journal.engines(journal.listener("a"), journal.listener("b"));

        ScopeState scope = ScopeState.enter(engines, null);

        assertSame(scope, ThreadScope.current());
        assertSame(engines, scope.engines());
        assertNull(scope.request());
        assertFalse(scope.isJoined());
        assertEquals(List.of("a opened", "b opened"), journal.events);
        scope.exit();
    }

    @Test
    void enteringAClosedDatabaseFailsNamingIt() {
        Engines engines = journal.engines();
        engines.close();

        var error = assertThrows(IllegalStateException.class, () -> ScopeState.enter(engines, null));

        assertEquals("dbfilter: Database test is closed.", error.getMessage());
    }

    @Test
    void enteringTheSameDatabaseAgainJoinsAndOnlyTheOutermostExitEndsTheScope() {
        Engines engines = journal.engines(journal.listener("a"));
        ScopeState outer = ScopeState.enter(engines, null);
        outer.session(0);

        ScopeState inner = ScopeState.enter(engines, null);
        ScopeState innermost = ScopeState.enter(engines, null);

        assertSame(outer, inner);
        assertSame(outer, innermost);
        assertTrue(outer.isJoined());
        assertEquals(List.of(), journal.since(() -> {
            innermost.exit();
            inner.exit();
        }));
        assertFalse(outer.isJoined());
        assertSame(outer, ThreadScope.current());
        assertEquals(List.of("a closing scope", "rollback default", "close default"), journal.since(outer::exit));
        assertNull(ThreadScope.current());
    }

    @Test
    void aScopeOfAnotherDatabaseOpenedInsideRestoresTheOuterOneWhenItEnds() {
        ScopeState outer = ScopeState.enter(journal.engines(), null);
        ScopeState inner = ScopeState.enter(new Journal().engines(), null);

        assertSame(inner, ThreadScope.current());
        inner.exit();
        assertSame(outer, ThreadScope.current());
        outer.exit();
    }

    @Test
    void exitingTwiceEndsTheScopeOnce() {
        ScopeState scope = ScopeState.enter(journal.engines(journal.listener("a")), null);
        scope.exit();

        assertEquals(List.of(), journal.since(scope::exit));
    }

    @Test
    void aSessionIsCreatedOnFirstUseWithATransactionBegunAndThenReused() {
        ScopeState scope = ScopeState.enter(journal.engines(List.of("analytics")), null);

        assertFalse(scope.hasSession());
        var first = scope.session(0);

        assertSame(first, scope.session(0));
        assertTrue(scope.hasSession());
        assertTrue(scope.hasSession(0));
        assertFalse(scope.hasSession(1));
        assertTrue(first.getTransaction().isActive());
        assertEquals(List.of("create default", "begin default"), journal.events);
        assertEquals(1, scope.engines().openSessions());
        scope.exit();
        assertEquals(0, scope.engines().openSessions());
    }

    @Test
    void aSessionAfterTheScopeEndedIsAnError() {
        ScopeState scope = ScopeState.enter(journal.engines(), null);
        scope.exit();

        var error = assertThrows(IllegalStateException.class, () -> scope.session(0));

        assertEquals("dbfilter: this scope of test is closed.", error.getMessage());
        assertFalse(scope.hasSession());
    }

    @Test
    void exitRollsBackAndClosesEverySessionAfterTheListenersHearClosing() {
        ScopeState scope = ScopeState.enter(journal.engines(List.of("analytics"), journal.listener("a")), null);
        scope.session(1);
        scope.session(0);

        assertEquals(List.of("a closing scope", "rollback default", "close default", "rollback analytics",
                "close analytics"), journal.since(scope::exit));
    }

    @Test
    void exitClosesEverythingAndUnbindsEvenWhenAListenerFailsThenThrowsThatFailure() {
        journal.failing.add("a closing scope");
        journal.failing.add("close default");
        ScopeState scope = ScopeState.enter(journal.engines(journal.listener("a"), journal.listener("b")), null);
        scope.session(0);

        var error = assertThrows(PersistenceException.class, scope::exit);

        assertEquals("a closing scope failed", error.getMessage());
        assertEquals("close default failed", error.getSuppressed()[0].getMessage());
        assertTrue(journal.events.containsAll(List.of("b closing scope", "rollback default", "close default")));
        assertNull(ThreadScope.current());
        assertEquals(0, scope.engines().openSessions());
    }

    @Test
    void commitWithoutASessionDoesNothingAndTellsNoListener() {
        ScopeState scope = ScopeState.enter(journal.engines(journal.listener("a")), null);

        assertEquals(List.of(), journal.since(scope::commit));
        scope.exit();
    }

    @Test
    void commitRunsTheListenersAroundTheCommitAndBeginsTheNextTransaction() {
        ScopeState scope = ScopeState.enter(journal.engines(journal.listener("a"), journal.listener("b")), null);
        scope.session(0);

        assertEquals(List.of("a beforeCommit", "b beforeCommit", "commit default", "begin default", "a afterCommit",
                "b afterCommit"), journal.since(scope::commit));
        assertTrue(scope.session(0).getTransaction().isActive());
        scope.exit();
    }

    @Test
    void aCommitLeavesNoSingleUpdateArmedOnTheThread() {
        ScopeState scope = ScopeState.enter(journal.engines(journal.listener("a")), null);
        scope.session(0);
        SingleUpdate.arm();

        scope.commit();

        assertFalse(SingleUpdate.take(), "the next connection of the thread would run its transaction in autocommit");
        scope.exit();
    }

    @Test
    void aListenerFailingBeforeTheCommitRollsBackAndNoBindCommits() {
        journal.failing.add("a beforeCommit");
        ScopeState scope = ScopeState.enter(journal.engines(journal.listener("a"), journal.listener("b")), null);
        scope.session(0);

        List<String> events = journal.since(() -> assertThrows(PersistenceException.class, scope::commit));

        assertEquals(List.of("a beforeCommit", "rollback default", "begin default",
                "a commitFailed before it: a beforeCommit failed", "b commitFailed before it: a beforeCommit failed",
                "a rolledBack", "b rolledBack"), events);
        assertFalse(scope.failedInCommit(new PersistenceException("a beforeCommit failed")));
        scope.exit();
    }

    @Test
    void aFailingCommitRollsBackTellsTheListenersAndIsKnownAsTheCommitsOwnFailure() {
        journal.failing.add("commit default");
        ScopeState scope = ScopeState.enter(journal.engines(journal.listener("a")), null);
        scope.session(0);

        var error = assertThrows(PersistenceException.class, scope::commit);

        assertEquals(List.of("a opened", "create default", "begin default", "a beforeCommit", "commit default",
                "begin default",
                "rollback default", "begin default", "a commitFailed in the commit: commit default failed",
                "a rolledBack"), journal.events);
        assertTrue(scope.failedInCommit(error));
        assertTrue(scope.failedInCommit(new IllegalStateException("wrapped", error)));
        assertFalse(scope.failedInCommit(new PersistenceException("commit default failed")));
        scope.exit();
    }

    @Test
    void aFailingRollbackAfterAFailedCommitIsSuppressedIntoTheCommitsFailure() {
        journal.failing.add("a beforeCommit");
        journal.failing.add("rollback default");
        journal.failing.add("a commitFailed before it: a beforeCommit failed");
        ScopeState scope = ScopeState.enter(journal.engines(journal.listener("a")), null);
        scope.session(0);

        var error = assertThrows(PersistenceException.class, scope::commit);

        assertEquals("a beforeCommit failed", error.getMessage());
        assertEquals(1, error.getSuppressed().length);
        Throwable rollback = error.getSuppressed()[0];
        assertEquals("rollback default failed", rollback.getMessage());
        assertEquals("a commitFailed before it: a beforeCommit failed failed", rollback.getSuppressed()[0].getMessage());
        assertTrue(journal.events.contains("a rolledBack"));
        journal.failing.clear();
        scope.exit();
    }

    @Test
    void aCommitAfterTheResponseWasSentWarns() {
        ScopeState scope = ScopeState.enter(journal.engines(), Journal.request("GET /x", true));
        scope.session(0);

        String log = Journal.log(scope::commit);

        assertTrue(log.contains("Db.commit() runs after the response was sent to the client"), log);
        assertTrue(journal.events.contains("commit default"));
        scope.exit();
    }

    @Test
    void aCommitBeforeTheResponseWasSentDoesNotWarn() {
        RequestInfo request = Journal.request("GET /x", false);
        ScopeState scope = ScopeState.enter(journal.engines(), request);
        assertSame(request, scope.request());
        scope.session(0);

        assertEquals("", Journal.log(scope::commit));
        scope.exit();
    }

    @Test
    void rollbackRollsBackEveryBindAndTellsTheListenersEvenWithoutASession() {
        ScopeState scope = ScopeState.enter(journal.engines(journal.listener("a")), null);

        assertEquals(List.of("a rolledBack"), journal.since(scope::rollback));
        scope.session(0);
        assertEquals(List.of("rollback default", "begin default", "a rolledBack"), journal.since(scope::rollback));
        scope.exit();
    }

    @Test
    void aFailingRollbackStillTellsTheListeners() {
        journal.failing.add("rollback default");
        ScopeState scope = ScopeState.enter(journal.engines(journal.listener("a")), null);
        scope.session(0);

        assertThrows(PersistenceException.class, scope::rollback);

        assertTrue(journal.events.contains("a rolledBack"));
        journal.failing.clear();
        scope.exit();
    }

    @Test
    void unavailableIsToldToEveryListener() {
        ScopeState scope = ScopeState.enter(journal.engines(journal.listener("a"), journal.listener("b")), null);

        assertEquals(List.of("a unavailable", "b unavailable"), journal.since(scope::unavailable));
        scope.exit();
    }

    @Test
    void flushFlushesTheSessionsInUseOnly() {
        ScopeState scope = ScopeState.enter(journal.engines(List.of("analytics", "audit")), null);
        scope.flush();
        scope.session(2);
        scope.session(0);

        assertEquals(List.of("flush default", "flush audit"), journal.since(scope::flush));
        scope.exit();
    }

    @Test
    void eachListenerKeepsItsOwnSlot() {
        ScopeState scope = ScopeState.enter(journal.engines(journal.listener("a"), journal.listener("b")), null);

        assertNull(scope.slot(1));
        scope.slot(1, "kept");
        scope.slot(0, "other");

        assertEquals("kept", scope.<String>slot(1));
        assertEquals("other", scope.<String>slot(0));
        scope.exit();
    }

    @Test
    void ofFindsTheThreadsScopeOnlyForTheListenerInstalledAtThatSlot() {
        ScopeListener a = journal.listener("a");
        ScopeListener b = journal.listener("b");
        assertNull(ScopeState.of(a, 0));
        ScopeState scope = ScopeState.enter(journal.engines(a, b), null);

        assertSame(scope, ScopeState.of(a, 0));
        assertSame(scope, ScopeState.of(b, 1));
        assertNull(ScopeState.of(a, 1));
        assertNull(ScopeState.of(b, 2));
        scope.exit();
    }

    @Test
    void abandonEndsAScopeWithItsJoinsAndSaysWhereItWasOpened() {
        var opener = new StackTraceElement("Job", "run", "Job.java", 12);
        ScopeState scope = ScopeState.enter(journal.engines(journal.listener("a")), null);
        ScopeState.enter(scope.engines(), null);
        scope.openedAt(opener);

        assertSame(opener, scope.abandon());

        assertTrue(journal.events.contains("a closing scope"));
        assertNull(ThreadScope.current());
    }

    @Test
    void abandonUnbindsTheScopeEvenWhenEndingItFails() {
        journal.failing.add("a closing scope");
        ScopeState outer = ScopeState.enter(new Journal().engines(), null);
        ScopeState scope = ScopeState.enter(journal.engines(journal.listener("a")), null);

        assertThrows(PersistenceException.class, scope::abandon);

        assertSame(outer, ThreadScope.current());
        outer.exit();
    }

    @Test
    void aDetachedScopeKeepsItsSessionsUntilItIsAttachedAgainAndEnded() {
        ScopeState outer = ScopeState.enter(new Journal().engines(), null);
        ScopeState scope = ScopeState.enter(journal.engines(), null);
        scope.session(0);

        scope.detach();
        assertSame(outer, ThreadScope.current());
        assertTrue(scope.hasSession());

        scope.attach();
        assertSame(scope, ThreadScope.current());
        scope.exit();
        assertSame(outer, ThreadScope.current());
        outer.exit();
    }
}

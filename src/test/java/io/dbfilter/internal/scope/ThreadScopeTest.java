package io.dbfilter.internal.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one thread binding: work outside the scope, and scopes that an earlier task left bound. */
class ThreadScopeTest {
    private final Journal journal = new Journal();

    @AfterEach
    void noScopeIsLeftBound() {
        assertNull(ThreadScope.current(), "a test left a scope bound");
    }

    @Test
    void outsideRunsTheWorkWithNoScopeAndBindsTheCallersScopeAgain() {
        ScopeState scope = ScopeState.enter(journal.engines(), null);
        var seen = new ArrayList<ScopeState>();

        ThreadScope.outside(() -> seen.add(ThreadScope.current()));

        assertEquals(1, seen.size());
        assertNull(seen.get(0));
        assertSame(scope, ThreadScope.current());
        scope.exit();
    }

    @Test
    void outsideBindsTheCallersScopeAgainWhenTheWorkFails() {
        ScopeState scope = ScopeState.enter(journal.engines(), null);

        assertThrows(IllegalStateException.class, () -> ThreadScope.outside(() -> {
            throw new IllegalStateException("ddl");
        }));

        assertSame(scope, ThreadScope.current());
        scope.exit();
    }

    @Test
    void outsideWithoutAScopeJustRunsTheWork() {
        var ran = new ArrayList<String>();

        ThreadScope.outside(() -> ran.add("ran"));

        assertEquals(List.of("ran"), ran);
    }

    @Test
    void endLeftoversWithNothingBoundIsSilentAndDoesNotAskForTheRequestsLabel() {
        assertEquals("", Journal.log(() -> ThreadScope.endLeftovers(null, false)));
    }

    @Test
    void everyLeftoverScopeIsEndedWithOneWarningEachNamingWhereItWasOpened() {
        ScopeState outer = ScopeState.enter(journal.engines(journal.listener("a")), null);
        outer.openedAt(new StackTraceElement("Job", "run", "Job.java", 12));
        ScopeState.enter(new Journal().engines(), null).session(0);

        String log = Journal.log(() -> ThreadScope.endLeftovers(Journal.request("GET /users", false), false));

        assertNull(ThreadScope.current());
        assertTrue(journal.events.contains("a closing scope"));
        List<String> warnings = log.lines().filter(line -> line.contains("was still bound")).toList();
        assertEquals(2, warnings.size(), log);
        assertTrue(warnings.get(0).contains("a scope of test opened by code outside a request was still bound to"
                + " thread '" + Thread.currentThread().getName() + "' when GET /users began: its work was rolled back"
                + " and its EntityManagers closed. Close every"), log);
        assertTrue(warnings.get(1).contains("opened at Job.run(Job.java:12) was still bound"), log);
    }

    @Test
    void atTheRequestsEndTheWarningSaysSo() {
        ScopeState.enter(journal.engines(), null);

        String log = Journal.log(() -> ThreadScope.endLeftovers(Journal.request("GET /users", false), true));

        assertTrue(log.contains("when the end of GET /users began"), log);
    }

    @Test
    void aLeftoverThatFailsToEndIsStillUnboundAndItsFailureIsInTheWarning() {
        journal.failing.add("a closing scope");
        ScopeState.enter(journal.engines(journal.listener("a")), null);

        String log = Journal.log(() -> ThreadScope.endLeftovers(Journal.request("GET /users", false), false));

        assertNull(ThreadScope.current());
        assertTrue(log.contains("its EntityManagers closed (jakarta.persistence.PersistenceException: a closing scope"
                + " failed). Close"), log);
    }

    @Test
    void endLeftoversAboveStopsAtTheGivenScope() {
        ScopeState kept = ScopeState.enter(journal.engines(), null);
        ScopeState.enter(new Journal().engines(), null);

        Journal.log(() -> ThreadScope.endLeftoversAbove(kept, Journal.request("GET /users", true), true));

        assertSame(kept, ThreadScope.current());
        kept.exit();
    }
}

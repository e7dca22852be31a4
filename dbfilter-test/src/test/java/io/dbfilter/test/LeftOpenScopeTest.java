package io.dbfilter.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.dbfilter.Database;
import io.dbfilter.Db;
import io.dbfilter.test.notes.Note;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * A test that forgets to close its scope fails, saying so, and the next test on the same thread
 * starts outside any scope instead of joining the forgotten one.
 */
class LeftOpenScopeTest {

    @DbTest(connectionWaitMillis = 1000)
    @DbSettings("db.entities=io.dbfilter.test.notes.Note")
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class Forgetful {
        @Test
        @Order(1)
        void opensAScopeAndNeverClosesIt(Database db) {
            db.open();
            Db.session().persist(new Note("forgotten"));
            Db.session().flush(); // holds the test's connection
        }

        @Test
        @Order(2)
        void startsOutsideAnyScopeWithEmptyTables(Database db) {
            assertFalse(Db.inScope(), "joined the scope that the previous test left open");
            try (var scope = db.open()) {
                assertEquals(0L, Db.session().createQuery("select count(n) from Note n", Long.class).getSingleResult());
            }
        }
    }

    @Test
    void aScopeLeftOpenFailsItsTestAndIsEndedBeforeTheNext() {
        var events = EngineTestKit.engine("junit-jupiter")
                .selectors(selectMethod(Forgetful.class, "opensAScopeAndNeverClosesIt", Database.class.getName()),
                        selectMethod(Forgetful.class, "startsOutsideAnyScopeWithEmptyTables", Database.class.getName()))
                .execute().testEvents();

        events.assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        events.assertThatEvents().haveExactly(1, event(test("opensAScopeAndNeverClosesIt"),
                finishedWithFailure(message(m -> m.contains("the test ended with a scope still open on its thread")))));
    }
}

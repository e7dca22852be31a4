package io.dbfilter.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;

import io.dbfilter.Database;
import io.dbfilter.Db;
import io.dbfilter.Scope;
import io.dbfilter.test.notes.Note;
import io.dbfilter.test.notes.NoteServlet;
import jakarta.persistence.PersistenceException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * What the extension promises, on each database: a test class is run inside the JUnit engine, on
 * a database of its own, and afterwards a plain JDBC connection finds none of the rows its tests
 * and their requests committed, whether each test passed or failed.
 */
class RollbackEverythingTest {

    /** The tests an application would write, three of them failing on purpose. */
    @DbTest(servlets = @DbTest.Route(path = "/notes", servlet = NoteServlet.class))
    @DbSettings("db.entities=io.dbfilter.test.notes.Note")
    static class Scenario {
        static final List<Long> IDS = Collections.synchronizedList(new ArrayList<>());

        @Test
        void aRowCommittedByARequestIsSeenByTheNextRequest(TestServer server) throws Exception {
            assertEquals(302, server.post("/notes", Map.of("title", "first")).statusCode());

            assertEquals("first\n", server.get("/notes").body());
        }

        @Test
        void aUniqueViolationStillFailsAtCommit(TestServer server) throws Exception {
            assertEquals(302, server.post("/notes", Map.of("title", "twice")).statusCode());

            assertEquals(409, server.post("/notes", Map.of("title", "twice")).statusCode());
            assertEquals("twice\n", server.get("/notes").body());
        }

        @Test
        void theTestsOwnScopeCommitsAndRollsBackLikeAnyOther(Database db, TestServer server) throws Exception {
            try (Scope scope = db.open()) {
                Note kept = new Note("kept");
                Db.session().persist(kept);
                Db.commit();
                IDS.add(kept.getId());
                Db.session().persist(new Note("dropped"));
                Db.session().flush();
                Db.rollback();
            }

            assertEquals("kept\n", server.get("/notes").body());
        }

        @Test
        void aServletThatFailsAfterItsCommitLeavesTheRowForTheRestOfTheTest(TestServer server) throws Exception {
            assertEquals(500, server.post("/notes", Map.of("title", "exploded", "explode", "1")).statusCode());

            assertEquals("exploded\n", server.get("/notes").body());
        }

        @Test
        void concurrentRequestsTakeTurnsOnTheConnection(TestServer server) throws Exception {
            ExecutorService clients = Executors.newFixedThreadPool(8);
            try {
                var sent = new ArrayList<Future<HttpResponse<String>>>();
                for (int i = 0; i < 8; i++) {
                    String title = "concurrent-" + i;
                    sent.add(clients.submit((Callable<HttpResponse<String>>) () -> server.post("/notes", Map.of("title", title))));
                }
                for (Future<HttpResponse<String>> response : sent) {
                    assertEquals(302, response.get().statusCode());
                }
            } finally {
                clients.shutdownNow();
            }

            assertEquals(8, server.get("/notes").body().lines().count());
        }

        @Test
        void idsAreNeverHandedOutTwice(Database db) {
            try (Scope scope = db.open()) {
                Note note = new Note("numbered");
                Db.session().persist(note);
                Db.commit();
                IDS.add(note.getId());
            }
        }

        @Test
        void failsOnAnAssertion(TestServer server) throws Exception {
            server.post("/notes", Map.of("title", "asserted"));
            fail("this test fails on purpose, after its request committed");
        }

        @Test
        void failsAfterItsServletThrew(TestServer server) throws Exception {
            HttpResponse<String> response = server.post("/notes", Map.of("title", "thrown-by-servlet", "explode", "1"));
            assertEquals(302, response.statusCode(), "this test fails on purpose: the servlet threw after its commit");
        }

        @Test
        void failsWithAnException(Database db) {
            try (Scope scope = db.open()) {
                Db.session().persist(new Note("thrown"));
                Db.commit();
            }
            throw new IllegalStateException("this test fails on purpose, after its scope committed");
        }
    }

    /** DDL in a test: rolled back where the database can, refused where it would commit. */
    @DbTest
    @DbSettings("db.entities=io.dbfilter.test.notes.Note")
    static class Ddl {
        static volatile RuntimeException refusal;

        @Test
        void createsATable(Database db) {
            refusal = null;
            try (Scope scope = db.open()) {
                Db.session().createNativeQuery("CREATE TABLE dbt_scratch (id INT)").executeUpdate();
                Db.commit();
            } catch (PersistenceException e) {
                refusal = e;
            }
        }
    }

    private static EngineExecutionResults run(Servers.Place place, Class<?> scenario) {
        return place.asSystemProperties(() -> EngineTestKit.engine("junit-jupiter").selectors(selectClass(scenario)).execute());
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Servers.class)
    void noRowOfAnyTestIsLeftAfterwardsPassedOrFailed(Servers kind) throws Exception {
        Scenario.IDS.clear();
        try (Servers.Place place = kind.fresh()) {
            var results = run(place, Scenario.class).testEvents();

            results.assertStatistics(stats -> stats.started(9).succeeded(6).failed(3));
            results.assertThatEvents().haveExactly(1, event(test("failsOnAnAssertion"), finishedWithFailure()))
                    .haveExactly(1, event(test("failsAfterItsServletThrew"), finishedWithFailure()))
                    .haveExactly(1, event(test("failsWithAnException"), finishedWithFailure()));
            assertEquals(0, place.count("note"), "rows left in the table after the tests");
            assertEquals(2, Scenario.IDS.size());
            assertEquals(2, new HashSet<>(Scenario.IDS).size(), "an id was handed out twice: " + Scenario.IDS);
            // The block of ids was committed beside the test's transaction, so no later block repeats it.
            assertTrue(place.sequenceCount() >= Collections.max(Scenario.IDS), "the sequence table went back");
        }
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(Servers.class)
    void ddlInATestIsRolledBackOrRefusedNeverCommitted(Servers kind) throws Exception {
        try (Servers.Place place = kind.fresh()) {
            run(place, Ddl.class).testEvents().assertStatistics(stats -> stats.succeeded(1));

            if (kind == Servers.MARIADB) {
                assertTrue(String.valueOf(Ddl.refusal).contains("commits the transaction before and after it"),
                        "expected the refusal, got " + Ddl.refusal);
            } else {
                assertEquals(null, Ddl.refusal, "the database runs DDL in the transaction");
            }
            assertThrows(java.sql.SQLException.class, () -> place.count("dbt_scratch"), "the table outlived the test");
        }
    }
}

package io.dbfilter.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.dbfilter.Database;
import io.dbfilter.test.notes.NoteServlet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * What the extension costs against the usual alternative, printed, not asserted on time: 200
 * tests that each POST a row through the application and GET it back, once with the extension
 * (one rollback per test) and once the way suites do without it (drop and recreate the tables
 * before each test), on Derby and PostgreSQL. Each class runs twice and the second run is timed,
 * so that neither pays for the JVM's warm-up. Both must pass every test.
 */
class TwoHundredTestsComparisonTest {

    static void postAndGetBack(TestServer server) throws Exception {
        String title = UUID.randomUUID().toString();
        assertEquals(302, server.post("/notes", Map.of("title", title)).statusCode());
        assertEquals(title + "\n", server.get("/notes").body());
    }

    @DbTest(servlets = @DbTest.Route(path = "/notes", servlet = NoteServlet.class))
    @DbSettings("db.entities=io.dbfilter.test.notes.Note")
    static class WithTheExtension {
        @RepeatedTest(200)
        void postsAndReadsBack(TestServer server) throws Exception {
            postAndGetBack(server);
        }
    }

    static class DroppingAndRecreatingTables {
        private static Database db;
        private static TestServer server;

        @BeforeAll
        static void start() throws Exception {
            db = Database.create(Map.of("db.entities", "io.dbfilter.test.notes.Note", "db.url",
                    System.getProperty("db.url", "jdbc:derby:memory:dropping;create=true")));
            server = TestServer.start(db, null, WithTheExtension.class.getAnnotation(DbTest.class).servlets());
        }

        @AfterAll
        static void stop() throws Exception {
            db.dropAll(); // the last test's row would still be there for the next class
            server.stop();
            db.close();
        }

        @BeforeEach
        void emptyTables() {
            db.dropAll();
            db.createAll();
        }

        @RepeatedTest(200)
        void postsAndReadsBack() throws Exception {
            postAndGetBack(server);
        }
    }

    private static long timedMillis(Class<?> tests) {
        long began = System.nanoTime();
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(tests)).execute();
        Events events = results.allEvents();
        events.failed().stream().findFirst().ifPresent(failed -> {
            throw new AssertionError(tests.getSimpleName() + ": " + failed.getTestDescriptor().getDisplayName(),
                    failed.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).orElse(null));
        });
        results.testEvents().assertStatistics(stats -> stats.succeeded(200));
        return (System.nanoTime() - began) / 1_000_000;
    }

    @ParameterizedTest(name = "on {0}")
    @EnumSource(value = Servers.class, names = {"DERBY", "POSTGRESQL"})
    void printsTheTimeOf200TestsWithTheExtensionAndWithDropAndRecreate(Servers kind) throws Exception {
        try (Servers.Place place = kind.fresh()) {
            long[] times = place.asSystemProperties(() -> {
                timedMillis(WithTheExtension.class);
                timedMillis(DroppingAndRecreatingTables.class);
                return new long[] {timedMillis(WithTheExtension.class), timedMillis(DroppingAndRecreatingTables.class)};
            });
            System.out.printf("dbfilter-test on %s, 200 tests (POST + GET each), second run: rollback %d ms"
                    + " (%.1f ms a test), drop and recreate %d ms (%.1f ms a test): %.1fx%n", kind, times[0],
                    times[0] / 200.0, times[1], times[1] / 200.0, (double) times[1] / times[0]);
        }
    }
}

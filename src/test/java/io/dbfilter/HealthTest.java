package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.Servlet;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.derby.drda.NetworkServerControl;
import org.junit.jupiter.api.Test;

/**
 * {@code Database.health()} and {@link HealthServlet}: 200 with the pool's figures while every bind
 * answers, 503 within {@code db.healthTimeout} while a database server is stopped, 200 again once
 * it is back, without a restart; and no password in the body either way.
 */
class HealthTest {
    private static final String PASSWORD = "s3cret-pw";
    private static final Pattern JSON = Pattern.compile("\\{\"status\":\"(UP|DOWN)\",\"database\":\"dbfilter-\\d+\","
            + "\"binds\":\\[(\\{[^{}]*\\})(,\\{[^{}]*\\})*\\]\\}");

    @Test
    void everyBindUpGivesEachBindsPoolFigures() {
        try (Database database = Database.create(BindsTest.settings("db.pool.maximumPoolSize", "3"))) {
            Health health = database.health();

            assertTrue(health.isUp(), health.toJson());
            assertEquals(2, health.binds().size());
            Health.Check analytics = health.binds().get(1);
            assertEquals("analytics", analytics.bind());
            assertEquals(database.name() + "-analytics", analytics.pool());
            assertNull(health.binds().get(0).bind());
            assertEquals(3, health.binds().get(0).maximum());
            assertEquals(10, analytics.maximum());
            assertTrue(analytics.total() >= 1 && analytics.active() == 0, health.toJson());
            assertNull(analytics.error());
            assertTrue(JSON.matcher(health.toJson()).matches(), health.toJson());
            assertTrue(health.toJson().contains("{\"bind\":\"default\",\"pool\":\"" + database.name()
                    + "\",\"status\":\"UP\",\"millis\":"), health.toJson());
        }
    }

    @Test
    void theServletAnswers200WithJsonThatNeverNamesTheUrlOrPassword() throws Exception {
        var settings = TestDatabases.settings("db.password", PASSWORD);
        try (var server = TestServer.start(settings, Map.<String, Servlet>of("/health", new HealthServlet()))) {
            HttpResponse<String> response = server.get("/health");

            assertEquals(200, response.statusCode(), response.body());
            assertEquals("application/json;charset=utf-8",
                    response.headers().firstValue("Content-Type").orElseThrow().replace(" ", "").toLowerCase());
            assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
            assertTrue(JSON.matcher(response.body()).matches(), response.body());
            assertFalse(response.body().contains(PASSWORD) || response.body().contains("jdbc:"), response.body());
        }
    }

    /** Something a test does to a database server, which may throw. */
    private interface Step {
        void run() throws Exception;
    }

    @Test
    void aStoppedDerbyServerIs503WithinTheHealthTimeoutAnd200OnceItIsBackWithoutARestart() throws Exception {
        int port = OutageTest.freePort();
        NetworkServerControl[] derby = {OutageTest.startDerbyServer(port)};
        // Derby's network server takes any password without authentication: this one is in the URL to prove it never shows.
        var settings = TestDatabases.settings(
                "db.url", "jdbc:derby://127.0.0.1:" + port + "/memory:health;create=true;user=app;password=" + PASSWORD);
        try {
            assertDownThenUp(settings, () -> derby[0].shutdown(), () -> derby[0] = OutageTest.startDerbyServer(port));
        } finally {
            OutageTest.stop(derby[0]);
        }
    }

    @Test
    void aPostgreSqlServerCutOffIs503WithinTheHealthTimeoutAnd200OnceItIsReachableAgain() throws Exception {
        try (var schema = TestServers.create(TestServers.Kind.POSTGRESQL)) {
            URI server = URI.create(schema.url().substring("jdbc:".length()));
            try (var proxy = new TcpProxy(server.getHost(), server.getPort())) {
                String url = schema.url().replace(server.getHost() + ":" + server.getPort(),
                        "127.0.0.1:" + proxy.port());
                var settings = schema.settings("io.dbfilter.model", "db.url", url, "db.password", PASSWORD);
                assertDownThenUp(settings, proxy::stop, proxy::start);
            }
        }
    }

    /**
     * /health is 200, then 503 three times within db.healthTimeout after {@code stop}, never showing
     * the password, then 200 again after {@code start}, with the same running application.
     */
    private static void assertDownThenUp(Map<String, String> settings, Step stop, Step start) throws Exception {
        settings.put("db.healthTimeout", "500");
        // Longer than the health timeout, so that the check must answer while the pool still waits.
        settings.put("db.pool.connectionTimeout", "10000");
        settings.put("db.pool.maximumPoolSize", "2");
        try (var server = TestServer.start(settings, Map.<String, Servlet>of("/health", new HealthServlet()))) {
            assertEquals(200, server.get("/health").statusCode());

            stop.run();
            String log = SchemaTest.captureOutput(() -> {
                try {
                    for (int i = 0; i < 3; i++) {
                        long begun = System.nanoTime();
                        HttpResponse<String> down = server.get("/health");
                        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begun);

                        assertEquals(503, down.statusCode(), down.body());
                        assertTrue(down.body().startsWith("{\"status\":\"DOWN\""), down.body());
                        assertTrue(down.body().contains("\"error\":"), down.body());
                        assertFalse(down.body().contains(PASSWORD), down.body());
                        assertTrue(took < 500 + 1500, "a check took " + took + " ms, db.healthTimeout is 500");
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertFalse(log.contains(PASSWORD), log);

            start.run();
            HttpResponse<String> back = awaitStatus(server, 200, Duration.ofSeconds(30));

            assertEquals(200, back.statusCode(), back.body());
            assertTrue(back.body().startsWith("{\"status\":\"UP\""), back.body());
        }
    }

    private static HttpResponse<String> awaitStatus(TestServer server, int status, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        HttpResponse<String> response = server.get("/health");
        while (response.statusCode() != status && System.nanoTime() < deadline) {
            response = server.get("/health");
        }
        return response;
    }

    @Test
    void aHealthTimeoutThatIsNotAPositiveNumberStopsTheStart() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Database.create(TestDatabases.settings("db.healthTimeout", "0")));
        assertEquals("dbfilter: db.healthTimeout (Database.create setting) must be a whole number of at least 1,"
                + " not '0'. Leave it unset for the default, 800.", e.getMessage());
    }
}

package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.dbfilter.model.User;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.derby.drda.NetworkServerControl;
import org.junit.jupiter.api.Test;

/**
 * The database going away under a running application: Derby's network server, started and
 * stopped in this JVM, stands for a database server. While it is down, requests are answered 503
 * within the pool's connection timeout with one log line each; when it is back, requests succeed
 * again without a restart. The same 503 answers a request that waits too long for a connection of
 * an exhausted pool.
 */
class OutageTest {
    private static final long CONNECTION_TIMEOUT_MS = 2000;

    static int freePort() throws Exception {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static NetworkServerControl startDerbyServer(int port) throws Exception {
        var server = new NetworkServerControl(InetAddress.getLoopbackAddress(), port);
        server.start(new PrintWriter(Writer.nullWriter()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                server.ping();
                return server;
            } catch (Exception notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Derby's network server did not answer on port " + port, notYet);
                }
                Thread.onSpinWait();
            }
        }
    }

    /**
     * While the database is down the log holds DbFilter's line for each request that tried to
     * connect, the fail-fast guard's one warning per outage (db.failFast), and HikariCP's own warning
     * (with its stack trace) once per pooled connection that broke: never a stack trace per request.
     */
    private static void assertOnlyExpectedLines(String log) {
        List<String> records = log.lines().filter(line -> line.startsWith("[")).toList();
        long broken = records.stream().filter(line -> line.contains("marked as broken")).count();
        for (String record : records) {
            assertTrue(record.contains("answered 503 Service Unavailable") || record.contains("marked as broken")
                    || record.contains("cannot reach the database ("),
                    "unexpected log record while the database was down:\n" + log);
        }
        assertTrue(broken <= 4, "more broken connections than the pool holds:\n" + log);
        long stackTraces = log.lines().filter(line -> !line.startsWith("[") && !line.startsWith("\t")
                && !line.startsWith("Caused by") && !line.isBlank()).count();
        assertTrue(stackTraces <= 2 * broken, "stack traces beyond HikariCP's broken-connection warnings:\n" + log);
    }

    static void stop(NetworkServerControl derby) {
        try {
            derby.shutdown();
        } catch (Exception alreadyStopped) {
            // The test failed while the server was down; its own error is the one to report.
        }
    }

    /** GET until the answer is {@code status}, for at most {@code limit}; the last response. */
    private static HttpResponse<String> awaitStatus(TestServer server, String path, int status, Duration limit)
            throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        HttpResponse<String> response = server.get(path);
        while (response.statusCode() != status && System.nanoTime() < deadline) {
            response = server.get(path);
        }
        return response;
    }

    @Test
    void requestsGet503WhileTheDatabaseIsDownAndSucceedOnceItIsBack() throws Exception {
        int port = freePort();
        NetworkServerControl derby = startDerbyServer(port);
        // Created before the pool starts: creating it can outlast the login timeout on a busy machine.
        java.sql.DriverManager.getConnection("jdbc:derby://127.0.0.1:" + port + "/memory:outage;create=true").close();
        var settings = TestDatabases.settings(
                "db.url", "jdbc:derby://127.0.0.1:" + port + "/memory:outage;create=true",
                "db.pool.connectionTimeout", String.valueOf(CONNECTION_TIMEOUT_MS),
                "db.pool.maximumPoolSize", "4");
        try (var server = TestServer.start(settings, Map.of("/count", FilterTest.servlet((request, response) ->
                response.getWriter().print(Db.session().createQuery("select count(u) from User u", Long.class)
                        .getSingleResult()))))) {
            server.database().createAll();
            try (var scope = server.database().open()) {
                Db.session().persist(new User("ann"));
                Db.commit();
            }
            assertEquals("1", server.get("/count").body());

            derby.shutdown();
            var down = new ArrayList<HttpResponse<String>>();
            var elapsed = new ArrayList<Long>();
            String log = SchemaTest.captureOutput(() -> {
                try {
                    for (int i = 0; i < 3; i++) {
                        long start = System.nanoTime();
                        down.add(awaitStatus(server, "/count", 503, Duration.ofSeconds(30)));
                        elapsed.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });

            for (var response : down) {
                assertEquals(503, response.statusCode(), response.body());
                assertFalse(response.body().contains("Exception"), response.body());
            }
            long slowest = elapsed.stream().mapToLong(Long::longValue).max().orElseThrow();
            assertTrue(slowest < CONNECTION_TIMEOUT_MS + 5000, "a request took " + slowest + " ms while down");
            List<String> ours = log.lines().filter(line -> line.contains("io.dbfilter.DbFilter")).toList();
            // The request that found the outage logs it; the fail-fast 503s after it log at DEBUG.
            assertTrue(ours.size() >= 1, log);
            assertTrue(ours.get(ours.size() - 1).contains(
                    "dbfilter: GET /count answered 503 Service Unavailable, the database cannot be reached"), log);
            assertOnlyExpectedLines(log);

            derby = startDerbyServer(port);
            var back = awaitStatus(server, "/count", 200, Duration.ofSeconds(30));

            assertEquals(200, back.statusCode(), back.body());
            assertEquals("1", back.body());
            assertEquals(0, ((HikariDataSource) server.database().dataSource()).getHikariPoolMXBean()
                    .getActiveConnections());
            assertEquals(0, server.database().openSessions());
        } finally {
            stop(derby);
        }
    }

    @Test
    void requestsBeyondThePoolWaitForTheTimeoutThenGet503AndNothingDeadlocks() throws Exception {
        var holding = new CountDownLatch(2);
        var release = new CountDownLatch(1);
        var settings = TestDatabases.settings(
                "db.pool.maximumPoolSize", "2",
                "db.pool.connectionTimeout", "500");
        // Derby's first boot in a JVM, and creating the database, can outlast the 1 s login timeout
        // HikariCP derives from a 500 ms connectionTimeout: both happen before the pool starts.
        DriverManager.getConnection(settings.get("db.url")).close();
        try (var server = TestServer.start(settings, Map.of(
                "/hold", FilterTest.servlet((request, response) -> {
                    // A flushed insert keeps the transaction's connection until the scope ends.
                    var user = new User(request.getParameter("name"));
                    Db.session().persist(user);
                    Db.session().flush();
                    request.setAttribute("id", user.getId());
                    holding.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    request.getRequestDispatcher("/name").include(request, response);
                }),
                "/name", FilterTest.servlet((request, response) -> response.getWriter().print(Db.session()
                        .createQuery("select u.username from User u where u.id = :id", String.class)
                        .setParameter("id", request.getAttribute("id")).getSingleResult())),
                "/count", FilterTest.servlet((request, response) ->
                        response.getWriter().print(Db.session().createQuery("select count(u) from User u",
                                Long.class).getSingleResult())),
                "/forward", FilterTest.servlet((request, response) ->
                        request.getRequestDispatcher("/count").forward(request, response))))) {
            server.database().createAll();
            ExecutorService clients = Executors.newFixedThreadPool(2);
            try {
                List<Future<HttpResponse<String>>> held = List.of(
                        clients.submit(() -> server.get("/hold?name=ann")),
                        clients.submit(() -> server.get("/hold?name=bob")));
                assertTrue(holding.await(30, TimeUnit.SECONDS), "the two holding requests did not start");

                long start = System.nanoTime();
                String log = SchemaTest.captureOutput(() -> {
                    try {
                        assertEquals(503, server.get("/count").statusCode());
                        assertEquals(503, server.get("/forward").statusCode());
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
                long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                release.countDown();

                assertTrue(waited >= 2 * 500, "the requests did not wait for the pool: " + waited + " ms");
                assertTrue(log.contains("Connection is not available, request timed out after"), log);
                // Each held request includes /name, which joins its scope and its connection: no deadlock.
                assertEquals("ann", held.get(0).get(30, TimeUnit.SECONDS).body());
                assertEquals("bob", held.get(1).get(30, TimeUnit.SECONDS).body());
            } finally {
                release.countDown();
                clients.shutdownNow();
            }
            assertEquals("0", server.get("/count").body());
            assertEquals(0, ((HikariDataSource) server.database().dataSource()).getHikariPoolMXBean()
                    .getActiveConnections());
        }
    }
}

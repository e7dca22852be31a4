package io.dbfilter;

import static io.dbfilter.FilterTest.servlet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.internal.jdbc.OutageGuard;
import io.dbfilter.model.User;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.derby.drda.NetworkServerControl;
import org.junit.jupiter.api.Test;

/**
 * While the database cannot be reached, requests get 503 at once instead of each waiting the
 * pool's connection timeout; the first successful probe lets them through again; a busy pool is
 * not mistaken for an outage.
 */
class FailFastTest {
    // Long enough that a request which waits for the pool cannot pass for one that failed fast.
    private static final int CONNECTION_TIMEOUT_MS = 5000;
    private static final int CLIENTS = 2;

    private static final FilterTest.Handler COUNT = (request, response) -> response.getWriter().print(
            Db.session().createQuery("select count(u) from User u", Long.class).getSingleResult());

    /** Cuts the database off, or makes it reachable again. */
    private interface Step {
        void run() throws Exception;
    }

    @Test
    void whileTheDatabaseIsDown503sAnswerAtOnceAndRequestsSucceedSoonAfterItIsBack() throws Exception {
        int port = OutageTest.freePort();
        NetworkServerControl[] derby = {OutageTest.startDerbyServer(port)};
        var settings = TestDatabases.settings("db.url", "jdbc:derby://127.0.0.1:" + port + "/memory:failfast;create=true");
        try {
            assertFailsFastThenRecovers(settings, () -> derby[0].shutdown(),
                    () -> derby[0] = OutageTest.startDerbyServer(port));
        } finally {
            OutageTest.stop(derby[0]);
        }
    }

    @Test
    void aPostgreSqlServerCutOffFailsFastAndRecovers() throws Exception {
        try (var schema = TestServers.create(TestServers.Kind.POSTGRESQL)) {
            URI server = URI.create(schema.url().substring("jdbc:".length()));
            // A relay cut off like a stopped server, without stopping the server that other tests share.
            try (var proxy = new TcpProxy(server.getHost(), server.getPort())) {
                String url = schema.url().replace(server.getHost() + ":" + server.getPort(), "127.0.0.1:" + proxy.port());
                var settings = schema.settings("io.dbfilter.model", "db.url", url);
                assertFailsFastThenRecovers(settings, proxy::stop, proxy::start);
            }
        }
    }

    private static void assertFailsFastThenRecovers(Map<String, String> settings, Step stop, Step start)
            throws Exception {
        settings.put("db.pool.connectionTimeout", String.valueOf(CONNECTION_TIMEOUT_MS));
        settings.put("db.pool.maximumPoolSize", "4");
        try (var server = TestServer.start(settings, Map.of("/count", servlet(COUNT)))) {
            server.database().createAll();
            assertEquals(200, server.get("/count").statusCode());
            stop.run();
            var latencies = Collections.synchronizedList(new ArrayList<Long>());
            String log = SchemaTest.captureOutput(() -> {
                try {
                    // The first requests find out, each within the pool's timeout; from then on it fails fast.
                    while (!guard(server).isDown()) {
                        server.get("/count");
                    }
                    // A second of the same load first: the failure path's first runs are interpreted, not compiled.
                    load(server, Collections.synchronizedList(new ArrayList<>()), TimeUnit.SECONDS.toNanos(1));
                    load(server, latencies, TimeUnit.SECONDS.toNanos(3));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertFailedFast(latencies, log);

            start.run();
            long answering = System.nanoTime();
            HttpResponse<String> back = server.get("/count");
            while (back.statusCode() != 200 && System.nanoTime() - answering < TimeUnit.SECONDS.toNanos(10)) {
                back = server.get("/count");
            }
            long recovery = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - answering);
            assertEquals(200, back.statusCode(), back.body());
            System.out.printf("fail fast (%s): 200 again %d ms after the database answered%n",
                    server.database(), recovery);
            assertTrue(recovery < CONNECTION_TIMEOUT_MS, "200 again only after " + recovery + " ms");
        }
    }

    private static void assertFailedFast(List<Long> latencies, String log) {
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        assertTrue(sorted.size() >= 20, "only " + sorted.size() + " requests");
        long p99 = sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
        // The figures are printed for docs/reliability.md; the bound only separates failing fast from waiting.
        System.out.printf("fail fast: %d 503s, p50 %d ms, p99 %d ms%n", sorted.size(),
                sorted.get(sorted.size() / 2) / 1_000_000, p99 / 1_000_000);
        assertTrue(p99 < TimeUnit.MILLISECONDS.toNanos(CONNECTION_TIMEOUT_MS / 5),
                "p99 of the 503s: " + p99 / 1_000_000 + " ms, as if they waited for the pool");
        assertEquals(1, log.lines().filter(line -> line.contains("cannot reach the database (")).count(), log);
    }

    private static OutageGuard guard(TestServer server) {
        return server.database().engines().engine(0).guard();
    }

    /** {@code CLIENTS} threads send requests for {@code nanos}, each recording a 503's latency. */
    private static void load(TestServer server, List<Long> latencies, long nanos) throws InterruptedException {
        long end = System.nanoTime() + nanos;
        var done = new CountDownLatch(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            new Thread(() -> {
                try {
                    for (int n = 0; n < 5000 && System.nanoTime() < end; n++) {
                        long start = System.nanoTime();
                        int status = server.get("/count").statusCode();
                        if (status != 503) {
                            throw new AssertionError("expected 503 while down, got " + status);
                        }
                        latencies.add(System.nanoTime() - start);
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                } finally {
                    done.countDown();
                }
            }).start();
        }
        assertTrue(done.await(nanos / 1_000_000 + 30_000, TimeUnit.MILLISECONDS), "the load did not end");
    }

    @Test
    void aBusyPoolIsNotMistakenForAnOutage() throws Exception {
        var holding = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var settings = TestDatabases.settings("db.pool.connectionTimeout", "3000", "db.pool.maximumPoolSize", "1");
        // Derby's first boot in a JVM can outlast the login timeout HikariCP derives from that: boot it first.
        java.sql.DriverManager.getConnection(settings.get("db.url")).close();
        var servlets = Map.of("/hold", servlet((request, response) -> {
            Db.session().persist(new User("holder"));
            Db.session().flush();
            holding.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), "/count", servlet(COUNT));
        try (var server = TestServer.start(settings, servlets)) {
            var holder = new Thread(() -> {
                try {
                    server.get("/hold");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            holder.start();
            assertTrue(holding.await(20, TimeUnit.SECONDS));
            String log = SchemaTest.captureOutput(() -> {
                try {
                    assertEquals(503, server.get("/count").statusCode(), "the only connection is held");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            release.countDown();
            holder.join();

            assertEquals(200, server.get("/count").statusCode());
            assertFalse(guard(server).isDown());
            assertFalse(log.contains("cannot reach the database"), log);
        }
    }
}

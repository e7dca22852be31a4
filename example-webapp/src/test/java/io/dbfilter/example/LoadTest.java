package io.dbfilter.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.dbfilter.Database;
import io.dbfilter.Db;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.io.QuietException;
import org.junit.jupiter.api.Test;

/**
 * Mixed load on the example application, with failures and disconnects, and then the proof that
 * nothing was left behind: no connection out of the pool, no EntityManager open, exactly the rows
 * that successful requests created, none from failed requests, and the heap back where it was.
 *
 * <p>32 concurrent visitors send {@code -Dexample.load.requests} requests (20,000 by default; CI
 * runs the default, a longer run takes a larger number) mixing every view with 404s, a test-only
 * servlet that fails after writing (half of the time after the response was committed) and raw
 * sockets that close before reading the whole response. The figures are printed.
 */
class LoadTest {
    private static final int VISITORS = 32;
    private static final int REQUESTS = Integer.getInteger("example.load.requests", 20_000);
    private static final int WARM_UP = 2_000;
    /** How much more heap than before the load may be in use after it, after a full collection. */
    private static final long HEAP_MARGIN = 24L << 20;

    /** Writes part of a page and fails, inside a transaction that has already sent an INSERT. */
    static final class FailingServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Db.session().persist(new User("failed-" + request.getParameter("n"), null));
            Db.session().flush();
            response.setContentType("text/plain");
            response.getWriter().print("partial output ");
            if (request.getParameter("commit") != null) {
                response.flushBuffer();
            }
            throw new DeliberateFailure();
        }
    }

    /** Quiet to Jetty (no stack trace in the log) because this test throws it thousands of times. */
    static final class DeliberateFailure extends RuntimeException implements QuietException {
        private static final long serialVersionUID = 1L;

        DeliberateFailure() {
            super("the test's servlet fails after writing", null, false, false);
        }
    }

    private enum Op { LIST, DETAIL, CREATE, EDIT, DELETE, NOT_FOUND, FAIL, DISCONNECT }

    /**
     * How often each operation comes up in every 20 requests. As many deletes as creates, so that
     * the table (which an in-memory Derby database keeps on the heap) stays small and the heap
     * check measures what requests leave behind, not the data.
     */
    private static final Op[] MIX = {
        Op.LIST, Op.LIST, Op.LIST, Op.DETAIL, Op.DETAIL, Op.DETAIL, Op.DETAIL,
        Op.CREATE, Op.CREATE, Op.CREATE, Op.EDIT, Op.DELETE, Op.DELETE, Op.DELETE,
        Op.NOT_FOUND, Op.NOT_FOUND, Op.FAIL, Op.FAIL, Op.DISCONNECT, Op.DISCONNECT,
    };

    /** Numbers visitors across the warm-up and the load, so that their usernames never collide. */
    private final AtomicInteger visitors = new AtomicInteger();
    private final LongAdder created = new LongAdder();
    private final LongAdder deleted = new LongAdder();
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());

    /** One visitor: a browser with its own cookies, and the users it created. */
    private final class Visitor {
        private final ExampleApp app;
        private final ExampleApp.Browser browser;
        private final int number;
        private final ArrayDeque<String> mine = new ArrayDeque<>();
        private int serial;

        Visitor(ExampleApp app, int number) {
            this.app = app;
            this.browser = app.browser();
            this.number = number;
        }

        private HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return browser.get(path);
        }

        private HttpResponse<String> post(String path, Map<String, String> fields)
                throws IOException, InterruptedException {
            return browser.postWithToken(path, fields);
        }

        void run(Op op) throws Exception {
            serial++;
            String name = "v" + number + "-" + serial;
            switch (op) {
                case LIST -> expect(op, get("/users?page=1&per_page=" + (1 + serial % 50)), 200);
                case DETAIL -> {
                    if (mine.isEmpty()) {
                        expect(op, get("/users"), 200);
                    } else {
                        expect(op, get(mine.peekLast()), 200);
                    }
                }
                case CREATE -> {
                    var response = post("/users/create", Map.of("username", name, "email", name + "@example.com"));
                    if (expect(op, response, 302)) {
                        created.increment();
                        mine.add(URI.create(response.headers().firstValue("Location").orElseThrow()).getPath());
                    }
                }
                case EDIT -> {
                    if (!mine.isEmpty()) {
                        expect(op, post(mine.peekFirst() + "/edit", Map.of("username", name + "-edited",
                                "email", "")), 302);
                    }
                }
                case DELETE -> {
                    if (!mine.isEmpty() && expect(op, post(mine.peekFirst() + "/delete", Map.of()), 302)) {
                        mine.removeFirst();
                        deleted.increment();
                    }
                }
                case NOT_FOUND -> expect(op, get(serial % 2 == 0 ? "/user/999999999" : "/user/abc"), 404);
                case FAIL -> fail(name, serial % 2 == 0);
                case DISCONNECT -> disconnect(serial % 2 == 0);
                default -> throw new AssertionError(op);
            }
        }

        private boolean expect(Op op, HttpResponse<String> response, int status) {
            count(op + " " + response.statusCode());
            if (response.statusCode() != status) {
                unexpected.add(op + " answered " + response.statusCode() + " instead of " + status);
                return false;
            }
            return true;
        }

        /** The failing servlet: a 500 page, or a broken response once it had been committed. */
        private void fail(String name, boolean committed) throws InterruptedException {
            try {
                var response = get("/test/fail?n=" + name + (committed ? "&commit" : ""));
                count("FAIL " + response.statusCode());
                if (response.statusCode() != 500 && !committed) {
                    unexpected.add("FAIL answered " + response.statusCode() + " instead of 500");
                }
            } catch (IOException broken) {
                count("FAIL broken response");
            }
        }

        /** A raw connection that asks for a long page and hangs up after a few bytes, or at once. */
        private void disconnect(boolean afterFirstBytes) throws IOException {
            try (var socket = new Socket(app.uri("/").getHost(), app.uri("/").getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("GET /users?per_page=100 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (afterFirstBytes) {
                    InputStream in = socket.getInputStream();
                    in.readNBytes(64);
                }
                socket.setSoLinger(true, 0); // a reset, as a client that crashed or lost its network
            }
            count("DISCONNECT");
        }
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
    }

    private void load(ExampleApp app, int requests) throws Exception {
        var tickets = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(VISITORS);
        try {
            var futures = new ArrayList<Future<?>>();
            for (int v = 0; v < VISITORS; v++) {
                var visitor = new Visitor(app, visitors.incrementAndGet());
                futures.add(pool.submit(() -> {
                    for (int t = tickets.getAndIncrement(); t < requests; t = tickets.getAndIncrement()) {
                        visitor.run(MIX[ThreadLocalRandom.current().nextInt(MIX.length)]);
                    }
                    return null;
                }));
            }
            for (var future : futures) {
                future.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long heapAfterFullGc() {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never true: " + what);
            }
            Thread.onSpinWait();
        }
    }

    private static long count(Database database, String jpql) {
        try (var scope = database.open()) {
            return Db.session().createQuery(jpql, Long.class).getSingleResult();
        }
    }

    @Test
    void mixedLoadWithFailuresAndDisconnectsLeavesNoConnectionSessionRowOrHeapBehind() throws Exception {
        try (var app = ExampleApp.start()) {
            app.addServlet("/test/fail", new FailingServlet());
            Database database = app.database();
            HikariPoolMXBean pool = ((HikariDataSource) database.dataSource()).getHikariPoolMXBean();

            load(app, WARM_UP);
            long createdBefore = created.sum();
            outcomes.clear();
            await("no connection in use after the warm-up", () -> pool.getActiveConnections() == 0);
            long heapBefore = heapAfterFullGc();
            long start = System.nanoTime();

            load(app, REQUESTS);

            double seconds = (System.nanoTime() - start) / 1e9;
            await("every connection back in the pool", () -> pool.getActiveConnections() == 0);
            await("every EntityManager closed", () -> database.openSessions() == 0);
            long heapAfter = heapAfterFullGc();
            long rows = count(database, "select count(u) from User u");
            long failedRows = count(database, "select count(u) from User u where u.username like 'failed-%'");

            System.out.printf("load: %d requests from %d visitors in %.1f s (%.0f requests/s)%n", REQUESTS, VISITORS,
                    seconds, REQUESTS / seconds);
            System.out.printf("load: outcomes %s%n", new TreeMap<>(outcomes));
            System.out.printf("load: %d created, %d deleted, %d rows; pool active %d, idle %d; open sessions %d%n",
                    created.sum(), deleted.sum(), rows, pool.getActiveConnections(), pool.getIdleConnections(),
                    database.openSessions());
            System.out.printf("load: heap after full GC %.1f MB before, %.1f MB after%n", heapBefore / 1048576.0,
                    heapAfter / 1048576.0);

            assertTrue(unexpected.isEmpty(), unexpected.size() + " unexpected answers, first: "
                    + unexpected.subList(0, Math.min(10, unexpected.size())));
            assertTrue(created.sum() - createdBefore > REQUESTS / 20, "too few creates to prove anything");
            assertTrue(outcomes.getOrDefault("FAIL 500", new AtomicInteger()).get() > 0, outcomes.toString());
            assertEquals(created.sum() - deleted.sum(), rows);
            assertEquals(0, failedRows);
            assertEquals(0, pool.getActiveConnections());
            assertEquals(0, database.openSessions());
            assertTrue(heapAfter <= heapBefore + HEAP_MARGIN, "heap grew from " + heapBefore + " to " + heapAfter);
        }
    }
}

package io.dbfilter.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.dbfilter.Database;
import io.dbfilter.Db;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.eclipse.jetty.util.thread.VirtualThreadPool;
import org.junit.jupiter.api.Test;

/**
 * The example on Jetty's virtual-thread pool ({@code -Dthreads=virtual}) with a pool of two
 * connections: 200 creates at once, so that nearly all of them wait for a connection. EclipseLink 5
 * waits for it inside a {@code synchronized} method, which pins the carrier thread on Java 21 to 23;
 * Java 24 and later (JEP 491) do not pin there, and JFR's {@code jdk.VirtualThreadPinned} events
 * show it. Skipped before Java 21; CI runs it on Java 25 ({@code .ci/jdk25.sh}). On Java 21 to 23 it
 * is expected to fail, which is the trap docs/deployment.md describes (not run there: CI has no such JDK).
 */
class VirtualThreadsTest {
    private static final int CREATES = 200;
    private static final Duration LONGEST_PIN_ALLOWED = Duration.ofMillis(20);
    private static final String PINNED = "jdk.VirtualThreadPinned";

    @Test
    void twoHundredCreatesAtOnceOnVirtualThreadsWithTwoConnectionsAllSucceedAndPinNoCarrierForLong()
            throws Exception {
        int java = Runtime.version().feature();
        if (java < 21) {
            System.out.println("VirtualThreadsTest skipped: virtual threads need Java 21 or later, this is Java " + java);
        }
        assumeTrue(java >= 21, "virtual threads need Java 21 or later, this is Java " + java);
        Path jfr = Path.of("target", "virtual-threads.jfr");
        Files.createDirectories(jfr.getParent());
        try (var app = ExampleApp.start(Map.of("threads", "virtual", "db.pool.maximumPoolSize", "2"));
                var recording = new Recording()) {
            assertTrue(app.threadPool() instanceof VirtualThreadPool, app.threadPool().toString());
            Database database = app.database();
            var dataSource = (HikariDataSource) database.dataSource();
            assertEquals(2, dataSource.getMaximumPoolSize());
            HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
            ExampleApp.Browser browser = app.browser();
            browser.fetchToken();
            // Classes load and initialise on the first create, and a virtual thread may pin while they do:
            // those pins say nothing about waiting for a connection, so one create runs before the recording.
            assertEquals(302, browser.postWithToken("/users/create", Map.of("username", "warm-up", "email", ""))
                    .statusCode());

            // Every pin, however short, so that the figures printed show what happened.
            recording.enable(PINNED).withThreshold(Duration.ZERO).withStackTrace();
            recording.start();
            long start = System.nanoTime();
            List<Integer> statuses = createAtOnce(browser);
            double seconds = (System.nanoTime() - start) / 1e9;
            recording.stop();
            recording.dump(jfr);

            await("every connection back in the pool", () -> pool.getActiveConnections() == 0);
            await("every EntityManager closed", () -> database.openSessions() == 0);
            long rows;
            try (var scope = database.open()) {
                rows = Db.session().createQuery("select count(u) from User u where u.username like 'vt-%'", Long.class)
                        .getSingleResult();
            }
            List<RecordedEvent> pins = RecordingFile.readAllEvents(jfr).stream()
                    .filter(event -> event.getEventType().getName().equals(PINNED))
                    .sorted(Comparator.comparing(RecordedEvent::getDuration, Comparator.reverseOrder())).toList();
            Duration longest = pins.isEmpty() ? Duration.ZERO : pins.get(0).getDuration();
            System.out.printf("virtual threads: Java %d, %d creates at once with 2 connections in %.2f s; %d rows,"
                    + " pool active %d, open sessions %d; %d %s events, the longest %.3f ms%n", java, CREATES, seconds,
                    rows, pool.getActiveConnections(), database.openSessions(), pins.size(), PINNED,
                    longest.toNanos() / 1e6);

            assertEquals(List.of(302), statuses.stream().distinct().toList(), "statuses of the creates");
            assertEquals(CREATES, rows);
            assertEquals(0, pool.getActiveConnections());
            assertEquals(0, database.openSessions());
            List<RecordedEvent> tooLong = pins.stream()
                    .filter(event -> event.getDuration().compareTo(LONGEST_PIN_ALLOWED) > 0).toList();
            assertTrue(tooLong.isEmpty(), tooLong.size() + " carriers pinned longer than " + LONGEST_PIN_ALLOWED
                    + ", the longest for " + longest + " at:\n" + frames(tooLong.isEmpty() ? null : tooLong.get(0)));
        }
    }

    /** Posts the creates from as many client threads, released together, and returns their statuses. */
    private static List<Integer> createAtOnce(ExampleApp.Browser browser) throws Exception {
        var go = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(CREATES);
        try {
            var futures = new ArrayList<Future<HttpResponse<String>>>();
            for (int i = 0; i < CREATES; i++) {
                String name = "vt-" + i;
                futures.add(clients.submit(() -> {
                    go.await();
                    return browser.postWithToken("/users/create", Map.of("username", name, "email", ""));
                }));
            }
            go.countDown();
            var statuses = new ArrayList<Integer>();
            for (var future : futures) {
                statuses.add(future.get(2, TimeUnit.MINUTES).statusCode());
            }
            return statuses;
        } finally {
            clients.shutdownNow();
        }
    }

    private static String frames(RecordedEvent event) {
        if (event == null || event.getStackTrace() == null) {
            return "(no stack trace)";
        }
        return event.getStackTrace().getFrames().stream().limit(20).map(RecordedFrame::getMethod)
                .map(method -> "  " + method.getType().getName() + "." + method.getName())
                .collect(Collectors.joining("\n"));
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
}

package io.dbfilter.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The benchmark: starts {@link BenchServer} in a child JVM, warms it up on every endpoint, then
 * measures each pair (library, baseline) in alternating runs over several rounds with the load
 * client in this JVM, then the example application's cold start and memory ({@link Example}), and
 * prints the table that docs/performance.md holds. After each run the rows it created are deleted,
 * so every run reads the same seeded table.
 *
 * <p>First, in this JVM, DbFilter's own work per request without HTTP ({@link FilterCost}).
 *
 * <p>Settings (system properties): {@code bench.db} ({@code derby} or {@code postgres}),
 * {@code bench.seconds} per run (1; a decimal such as 0.25 is allowed), {@code bench.rounds} (10: an
 * even number, so that each variant runs first equally often; many short rounds, because a shared
 * machine's speed drifts by several percent within seconds and the median of many back-to-back
 * ratios cancels more of it), {@code bench.warmup} seconds at least (60), and longer while the
 * server's JIT still compiles for more than half a second in ten seconds, up to
 * {@code bench.warmupMax} (120),
 * {@code bench.pairs} (the pairs to measure, by key: {@code a,a0,b,bt,c,ct,d,e,et,f,ft,g,h,hi,r,i128,i512},
 * all by default; a key ending in {@code t} is its read against JDBC in an explicit transaction),
 * {@code bench.connections} (16), {@code bench.coldStarts} (5; 0 skips the example's cold start
 * and memory figures, as when profiling the server), {@code bench.serverJvmArgs}
 * (extra options for the server JVM, such as {@code -XX:StartFlightRecording=...}),
 * {@code bench.serverJava} (the JDK folder that runs the server and the example; the harness's own
 * by default), {@code bench.threads} ({@code platform}, {@code virtual}, or {@code platform,virtual}:
 * one server after the other in one run, each warmed up and measured alike, reported side by side), and
 * {@code bench.smoke=true}: half-second runs, one round, one cold start, only to prove it works;
 * {@code bench.depth=true}: instead of all this, offset against keyset paging at growing depths on
 * PostgreSQL ({@link Depth});
 * {@code bench.metrics=true}: the server runs with {@code db.metrics=true} and a Prometheus registry
 * given to {@code Database.recordMetrics}, to compare the ratios with metrics against those without.
 */
public final class Bench {
    private static final AtomicLong USERNAMES = new AtomicLong();
    private static final long SETTLE_MILLIS = 1_000;
    /** Warm-up goes on in windows of this many seconds until a window's JIT work falls below the next. */
    private static final int WINDOW_SECONDS = 10;
    /** JIT compile time per window (5% of one core) below which the server counts as warm. */
    private static final long QUIET_JIT_MILLIS = 500;

    private Bench() {
    }

    /**
     * One measured comparison: the library's path and its baseline, with its target ratio (NaN for
     * a reference without one), and whether its requests write rows that each run must delete or
     * leave dead row versions that must be vacuumed.
     */
    private record Pair(String key, String name, String target, double minimum, String baseline, boolean writes,
            Supplier<HttpRequest> library, Supplier<HttpRequest> raw, int connections) {
        Pair(String key, String name, String target, double minimum, String baseline, boolean writes,
                Supplier<HttpRequest> library, Supplier<HttpRequest> raw) {
            this(key, name, target, minimum, baseline, writes, library, raw, 0);
        }

        /** This pair's load: its own number of connections, or the run's. */
        int connections(Plan plan) {
            return connections > 0 ? connections : plan.connections();
        }
    }

    /** The settings of the measured runs, the same for every server. */
    private record Plan(String db, double seconds, int rounds, int warmup, int warmupMax, int connections,
            String pairs) {
    }

    public static void main(String[] args) throws Exception {
        if (Boolean.getBoolean("bench.depth")) {
            Depth.run();
            return;
        }
        boolean smoke = Boolean.getBoolean("bench.smoke");
        String db = System.getProperty("bench.db", "derby");
        double seconds = smoke ? 0.5 : Double.parseDouble(System.getProperty("bench.seconds", "1").strip());
        int rounds = smoke ? 1 : setting("bench.rounds", 10);
        int warmup = smoke ? 2 : setting("bench.warmup", 60);
        int warmupMax = smoke ? 2 : setting("bench.warmupMax", 120);
        int connections = setting("bench.connections", 16);
        int coldStarts = smoke ? 1 : setting("bench.coldStarts", 5);
        List<String> threads = threads(System.getProperty("bench.threads", ""));
        System.out.printf("bench: %s, %d connections, %s s runs, %d rounds, %d s warm-up, server threads %s%s%n", db,
                connections, Report.number(seconds), rounds, warmup, String.join(" then ", threads),
                Boolean.getBoolean("bench.metrics") ? ", metrics recorded (bench.metrics)" : "");

        var report = new Report(db, connections, seconds, rounds, smoke, threads);
        FilterCost.Result filterCost = FilterCost.measure();
        report.filterCost(filterCost);
        System.out.printf(Locale.ROOT, "DbFilter in-process: %.0f ns per request, a pass-through filter %.0f ns,"
                + " with metrics %.0f ns%n", filterCost.dbFilterNanos(), filterCost.passNanos(),
                filterCost.metricsNanos());
        var plan = new Plan(db, seconds, rounds, warmup, Math.max(warmup, warmupMax), connections,
                System.getProperty("bench.pairs", ""));
        for (String kind : threads) {
            serve(plan, kind, report);
        }
        if (coldStarts > 0) {
            Example.measure(coldStarts, smoke ? 2 : 10, report);
        }
        System.out.println();
        System.out.print(report.markdown());
    }

    /** {@code bench.threads}: {@code platform} (the default), {@code virtual}, or both in the order given. */
    private static List<String> threads(String setting) {
        List<String> kinds = Arrays.stream(setting.split(",")).map(String::strip).filter(k -> !k.isEmpty())
                .distinct().toList();
        for (String kind : kinds) {
            if (!kind.equals("platform") && !kind.equals("virtual")) {
                throw new IllegalArgumentException("bench.threads: platform, virtual or platform,virtual, not " + setting);
            }
        }
        return kinds.isEmpty() ? List.of("platform") : kinds;
    }

    /** One server, on platform or virtual threads: its warm-up, then every round of every pair. */
    private static void serve(Plan plan, String threads, Report report) throws Exception {
        Process server = startServer(plan.db(), threads);
        try {
            var lines = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String[] ready = awaitReady(lines);
            URI base = URI.create("http://127.0.0.1:" + ready[3]);
            long firstId = Long.parseLong(ready[5]);
            long lastId = Long.parseLong(ready[6]);
            report.server(ready[8], threads);
            List<Pair> pairs = chosen(pairs(base, firstId, lastId), plan.pairs());
            HttpClient client = Load.client();

            warmUp(client, base, plan.connections(), plan.warmup(), plan.warmupMax(), pairs, lastId, report);
            var machine = new Machine(ProcessHandle.current().pid(), server.pid());
            for (int round = 1; round <= plan.rounds(); round++) {
                for (Pair pair : pairs) {
                    measurePair(client, base, plan, round, pair, lastId, report);
                }
            }
            report.others(machine.othersPercent());
        } finally {
            server.getOutputStream().close();
            server.waitFor();
        }
    }

    private static void measurePair(HttpClient client, URI base, Plan plan, int round, Pair pair, long lastId,
            Report report) throws IOException, InterruptedException {
        // A B in odd rounds, B A in even ones: what a run leaves behind (a Derby checkpoint
        // after creates, a GC) falls on each variant alike.
        long written = pair.writes() ? lastId : -1;
        Load.Result library;
        Load.Result raw;
        int connections = pair.connections(plan);
        if (round % 2 == 1) {
            library = measure(client, base, connections, plan.seconds(), pair.library(), written);
            raw = measure(client, base, connections, plan.seconds(), pair.raw(), written);
        } else {
            raw = measure(client, base, connections, plan.seconds(), pair.raw(), written);
            library = measure(client, base, connections, plan.seconds(), pair.library(), written);
        }
        report.add(pair.name(), pair.target(), pair.minimum(), pair.baseline(), library, raw);
        System.out.printf(Locale.ROOT, "round %d %-26s library %6.0f/s %5.1f us  %-9s %6.0f/s %5.1f us"
                + "  ratio %.3f  CPU ratio %.3f%n", round, pair.name(), library.perSecond(),
                library.serverMicros(), pair.baseline(), raw.perSecond(), raw.serverMicros(),
                library.perSecond() / raw.perSecond(), raw.serverMicros() / library.serverMicros());
    }

    /**
     * One run; after a run that wrote ({@code lastSeeded} not -1), the rows it created are deleted
     * again and a pause follows: Derby reclaims deleted rows in the background, which would
     * otherwise slow whichever run comes next. Runs that only read need neither.
     */
    private static Load.Result measure(HttpClient client, URI base, int connections, double seconds,
            Supplier<HttpRequest> requests, long lastSeeded) throws IOException, InterruptedException {
        long cpu = counter(client, base, "/control/cpu");
        Load.Result result = Load.run(client, connections, Duration.ofMillis(Math.round(seconds * 1000)), requests)
                .withServerCpu(counter(client, base, "/control/cpu") - cpu);
        if (lastSeeded >= 0) {
            reset(client, base, lastSeeded);
            Thread.sleep(SETTLE_MILLIS);
        }
        return result;
    }

    private static void reset(HttpClient client, URI base, long lastSeeded) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(base.resolve("/control/reset?above=" + lastSeeded))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("reset answered " + response.statusCode() + ": " + response.body());
        }
    }

    private static List<Pair> pairs(URI base, long firstId, long lastId) {
        int pages = (int) ((lastId - firstId + 1) / Endpoints.PER_PAGE);
        Supplier<String> id = () -> "?id=" + ThreadLocalRandom.current().nextLong(firstId, lastId + 1);
        Supplier<String> page = () -> "?page=" + ThreadLocalRandom.current().nextInt(1, pages + 1);
        Supplier<String> page100 = () -> "?size=100&page=" + ThreadLocalRandom.current().nextInt(1, pages / 5 + 1);
        Supplier<String> user = () -> "?username=bench" + USERNAMES.incrementAndGet();
        Supplier<String> email = () -> id.get() + "&email=bench" + USERNAMES.incrementAndGet() + "@example.com";
        Supplier<String> prefix = () -> "?prefix=bench" + USERNAMES.incrementAndGet();
        var pairs = new ArrayList<>(List.of(
                new Pair("a", "(a) no-DB request", ">= 0.98", 0.98, "no filter", false,
                        get(base, "/lib/hello", () -> ""), get(base, "/raw/hello", () -> "")),
                // No target: Jetty's cost of any filter, the part of (a) that is not DbFilter's own.
                new Pair("a0", "(a0) a pass-through filter", "none", Double.NaN, "no filter", false,
                        get(base, "/pass/hello", () -> ""), get(base, "/raw/hello", () -> ""))));
        // Every read against JDBC in autocommit (the faster form, which the target is about) and in a transaction.
        reads(pairs, base, "b", "(b) find by id", 0.85, "/find", id);
        reads(pairs, base, "c", "(c) page of 20", 0.85, "/page", page);
        pairs.add(new Pair("d", "(d) create + commit", ">= 0.85", 0.85, "JDBC", true,
                post(base, "/lib/create", user), post(base, "/raw/create", user)));
        reads(pairs, base, "e", "(e) 20 persons, 5 posts each", 0.80, "/posts", page);
        reads(pairs, base, "f", "(f) page of 100", 0.85, "/page", page100);
        pairs.add(new Pair("g", "(g) load, change, commit", ">= 0.70", 0.70, "UPDATE", true,
                post(base, "/lib/update", email), post(base, "/raw/update", email)));
        pairs.add(new Pair("h", "(h) 100 inserts, table ids", ">= 0.80", 0.80, "JDBC", true,
                post(base, "/lib/inserts", prefix), post(base, "/raw/inserts", prefix)));
        Supplier<String> identity = () -> prefix.get() + "&identity=1";
        pairs.add(new Pair("hi", "(h) 100 inserts, IDENTITY", ">= 0.50", 0.50, "JDBC", true,
                post(base, "/lib/inserts", identity), post(base, "/raw/inserts", identity)));
        // The same page through a Database with db.replica.url: what the router costs a read (one machine, no gain).
        pairs.add(new Pair("r", "(r) page of 20, replica", ">= 0.95", 0.95, "no replica", false,
                get(base, "/rep/lib/page", page), get(base, "/lib/page", page)));
        for (int connections : new int[] {128, 512}) {
            pairs.add(new Pair("i" + connections, "(i) page of 20, " + connections + " conn.", ">= 0.90", 0.90, "JDBC",
                    false, get(base, "/lib/page", page), get(base, "/raw/page", page), connections));
        }
        return pairs;
    }

    /** A read pair against autocommit JDBC ({@code key}) and the same against JDBC in a transaction ({@code key}t). */
    private static void reads(List<Pair> pairs, URI base, String key, String name, double minimum, String path,
            Supplier<String> query) {
        pairs.add(new Pair(key, name, ">= " + Report.number(minimum), minimum, "JDBC", false, get(base, "/lib" + path,
                query), get(base, "/raw" + path, query)));
        pairs.add(new Pair(key + "t", name + ", tx", "none", Double.NaN, "JDBC tx", false, get(base, "/lib" + path, query),
                get(base, "/raw" + path, () -> query.get() + "&tx=1")));
    }

    /** The pairs named in {@code bench.pairs} (keys such as {@code a,b}), in their usual order; all if empty. */
    private static List<Pair> chosen(List<Pair> all, String keys) {
        var wanted = new ArrayList<>(Arrays.stream(keys.split(",")).map(String::strip).filter(k -> !k.isEmpty())
                .toList());
        if (wanted.isEmpty()) {
            return all;
        }
        List<Pair> chosen = all.stream().filter(pair -> wanted.remove(pair.key())).toList();
        if (!wanted.isEmpty()) {
            throw new IllegalArgumentException("bench.pairs: no pair " + wanted + "; the pairs are "
                    + all.stream().map(Pair::key).toList());
        }
        return chosen;
    }

    private static Supplier<HttpRequest> get(URI base, String path, Supplier<String> query) {
        return () -> HttpRequest.newBuilder(base.resolve(path + query.get())).GET().build();
    }

    private static Supplier<HttpRequest> post(URI base, String path, Supplier<String> query) {
        return () -> HttpRequest.newBuilder(base.resolve(path + query.get()))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    /**
     * Runs every endpoint in turn, a second at a time, so that the server's JIT compiles the paths
     * of all of them before anything is measured; prints how much it still compiled at the end.
     */
    private static void warmUp(HttpClient client, URI base, int connections, int seconds, int maxSeconds,
            List<Pair> pairs, long lastSeeded, Report report) throws Exception {
        long started = System.nanoTime();
        long jitStart = counter(client, base, "/control/jit");
        long window = Math.min(WINDOW_SECONDS, seconds);
        long last;
        long elapsed;
        int turn = 0;
        do {
            // One window: a second on each endpoint in turn, then how long the JIT compiled meanwhile.
            long jitBefore = counter(client, base, "/control/jit");
            for (int i = 0; i < window; i++, turn++) {
                Pair pair = pairs.get(turn / 2 % pairs.size());
                Load.run(client, connections, Duration.ofSeconds(1), turn % 2 == 0 ? pair.library() : pair.raw());
            }
            last = counter(client, base, "/control/jit") - jitBefore;
            elapsed = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        } while (elapsed < maxSeconds && (elapsed < seconds || last > QUIET_JIT_MILLIS));
        reset(client, base, lastSeeded);
        long total = counter(client, base, "/control/jit") - jitStart;
        report.warmUp((int) elapsed, total, last, (int) window);
        System.out.printf("warm-up: %d s; the server's JIT compiled for %d ms, %d ms of it in the last %d s%n",
                elapsed, total, last, window);
    }

    /** A number the server keeps (its JIT or CPU time so far), read from a control endpoint. */
    private static long counter(HttpClient client, URI base, String path) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(base.resolve(path)).build();
        return Long.parseLong(client.send(request, HttpResponse.BodyHandlers.ofString()).body().strip());
    }

    private static Process startServer(String db, String threads) throws IOException {
        var command = new ArrayList<String>();
        command.add(Example.java());
        String extra = System.getProperty("bench.serverJvmArgs", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(Arrays.asList(extra.split("\\s+")));
        }
        command.addAll(List.of("-Dbench.db=" + db, "-Dbench.metrics=" + Boolean.getBoolean("bench.metrics"),
                "-Dbench.threads=" + threads,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), BenchServer.class.getName()));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Reads the server's output up to its ready line, split in words; fails if it exits first. */
    private static String[] awaitReady(BufferedReader lines) throws IOException {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith("bench server: port ")) {
                return line.split(" ");
            }
            System.out.println(line);
        }
        throw new IllegalStateException("the bench server exited before it was ready");
    }

    private static int setting(String name, int otherwise) {
        String value = System.getProperty(name, "").strip();
        return value.isEmpty() ? otherwise : Integer.parseInt(value);
    }
}

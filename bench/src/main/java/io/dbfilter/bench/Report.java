package io.dbfilter.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Collects the figures of a run and prints them as the Markdown table of docs/performance.md.
 * Throughput is the median of the rounds. The ratio is the median over the rounds of each round's
 * library/baseline: the two ran back to back, so a round's ratio cancels what slowed both, which a
 * ratio of two medians taken from different rounds would not. Latencies are the median over the
 * rounds of each round's p50 and p99.
 */
final class Report {
    /** The cold-start and heap targets of the issue, in milliseconds and bytes. */
    static final double COLD_START_TARGET = 2_500;
    static final long HEAP_TARGET = 128L << 20;

    private final String db;
    private final int connections;
    private final double seconds;
    private final int rounds;
    private final boolean smoke;
    /** The servers' thread kinds, in the order they ran; with more than one, rows are labelled with theirs. */
    private final List<String> threads;
    private final Map<String, Rows> pairs = new LinkedHashMap<>();
    private String current;
    private final StringBuilder notes = new StringBuilder();
    private final List<String> verdicts = new ArrayList<>();
    private FilterCost.Result filterCost;

    private static final class Rows {
        String name;
        String threads;
        String target;
        double minimum;
        String baseline;
        final List<Load.Result> library = new ArrayList<>();
        final List<Load.Result> raw = new ArrayList<>();
    }

    Report(String db, int connections, double seconds, int rounds, boolean smoke, List<String> threads) {
        this.db = db;
        this.connections = connections;
        this.seconds = seconds;
        this.rounds = rounds;
        this.smoke = smoke;
        this.threads = threads;
    }

    /** The server whose figures come next: its Java version and the kind of threads it serves requests on. */
    void server(String java, String threads) {
        current = threads;
        notes.append(format("Server (%s threads): Java %s, Jetty's %s.%n", threads, java,
                threads.equals("virtual") ? "`VirtualThreadPool`" : "`QueuedThreadPool`"));
    }

    private String label(String pair) {
        return threads.size() > 1 ? pair + ", " + current + " threads" : pair;
    }

    void add(String pair, String target, double minimum, String baseline, Load.Result library, Load.Result raw) {
        Rows rows = pairs.computeIfAbsent(label(pair), k -> new Rows());
        rows.name = pair;
        rows.threads = current;
        rows.target = target;
        rows.minimum = minimum;
        rows.baseline = baseline;
        rows.library.add(library);
        rows.raw.add(raw);
    }

    void filterCost(FilterCost.Result cost) {
        this.filterCost = cost;
    }

    void warmUp(int seconds, long jitMillis, long lastMillis, int lastSeconds) {
        notes.append(format("Warm-up%s: %d s over every endpoint; the server's JIT compiled for %d ms, %d ms of it"
                + " in the last %d s.%n", threads.size() > 1 ? " (" + current + " threads)" : "", seconds, jitMillis,
                lastMillis, lastSeconds));
    }

    void others(double percent) {
        notes.append(format("Other processes%s used %.0f%% of the machine's CPU time during the measured rounds%s.%n",
                db.equals("derby") ? "" : " (the database server among them)", percent,
                threads.size() > 1 ? " on " + current + " threads" : ""));
    }

    void coldStarts(List<Double> millis, double busyPercent) {
        double median = median(millis.stream().mapToDouble(Double::doubleValue).toArray());
        notes.append(format("Cold start of the example to its first `/users` answer (create-all on a new Derby"
                + " database), median of %d: **%.0f ms** (each: %s; the machine was at most %.0f%% busy in the"
                + " second before each start).%n", millis.size(), median,
                millis.stream().map(m -> format("%.0f", m)).toList(), busyPercent));
        verdicts.add(format("cold start %.0f ms, target <= %.0f ms: %s", median, COLD_START_TARGET,
                median <= COLD_START_TARGET ? "met" : "MISSED"));
    }

    void memory(int clients, int loadSeconds, Load.Result load, long rss, long peakHeap, long committed,
            long afterGc) {
        notes.append(format("Example under %d connections on `/users` pages for %d s (%.0f requests/s, p99 %.1f ms):"
                + " peak RSS **%.0f MB**, heap in use at most %.0f MB (committed %.0f MB), heap in use after the load"
                + " and a full GC **%.1f MB**.%n", clients, loadSeconds, load.perSecond(), load.millis(0.99),
                mb(rss), mb(peakHeap), mb(committed), afterGc / 1048576.0));
        verdicts.add(format("heap after load %.1f MB, target <= %d MB: %s", afterGc / 1048576.0, HEAP_TARGET >> 20,
                afterGc <= HEAP_TARGET ? "met" : "MISSED"));
    }

    String markdown() throws IOException {
        var out = new StringBuilder();
        if (smoke) {
            out.append("SMOKE RUN: a cold JVM and half-second runs. These figures only show that the benchmark works;"
                    + " run it without -Dbench.smoke for figures.\n\n");
        }
        out.append(format("Machine: %s.%n%n", Machine.describe()));
        out.append(format("Database: %s%s; %d connections, %d rounds of %s s per variant.%n%n", db,
                Boolean.getBoolean("bench.metrics") ? ", with db.metrics=true and a Prometheus registry" : "",
                connections, rounds,
                number(seconds)));
        out.append("| pair | library req/s | baseline | baseline req/s | ratio | target | library p50 / p99 ms"
                + " | baseline p50 / p99 ms | ratio per round |\n");
        out.append("|---|---:|---|---:|---:|---|---:|---:|---|\n");
        var verdictsOfPairs = new ArrayList<String>();
        for (Map.Entry<String, Rows> entry : pairs.entrySet()) {
            Rows rows = entry.getValue();
            double library = median(rows.library.stream().mapToDouble(Load.Result::perSecond).toArray());
            double raw = median(rows.raw.stream().mapToDouble(Load.Result::perSecond).toArray());
            double[] ratios = new double[rows.library.size()];
            var perRound = new ArrayList<String>();
            for (int i = 0; i < ratios.length; i++) {
                ratios[i] = rows.library.get(i).perSecond() / rows.raw.get(i).perSecond();
                perRound.add(format("%.2f", ratios[i]));
            }
            double ratio = median(ratios);
            out.append(format("| %s | %.0f | %s | %.0f | **%.3f** | %s | %s | %s | %s |%n", entry.getKey(), library,
                    rows.baseline, raw, ratio, rows.target, latency(rows.library), latency(rows.raw),
                    String.join(" ", perRound)));
            if (!Double.isNaN(rows.minimum)) {
                verdictsOfPairs.add(format("%s %.3f, target %s: %s", entry.getKey(), ratio, rows.target,
                        ratio >= rows.minimum ? "met" : "MISSED"));
            }
        }
        out.append('\n').append(cpuTable()).append('\n').append(sideBySide()).append(filterCostNote()).append(notes)
                .append('\n');
        verdictsOfPairs.addAll(verdicts);
        for (String verdict : verdictsOfPairs) {
            out.append("- ").append(verdict).append('\n');
        }
        return out.toString();
    }

    /**
     * The server's CPU time per request: the same comparison, seen from the server. It does not
     * depend on how the client and the server share the cores, though it moves with the speed of a
     * shared machine as requests per second do. Its ratio is baseline over library, so that, like
     * the throughput ratio, below 1 means the library costs more.
     */
    private String cpuTable() {
        var out = new StringBuilder();
        out.append("Server CPU time per request (the server process's threads, GC and JIT included), in"
                + " microseconds, median of the rounds:\n\n");
        out.append("| pair | library µs | baseline µs | CPU ratio | CPU ratio per round |\n");
        out.append("|---|---:|---:|---:|---|\n");
        for (Map.Entry<String, Rows> entry : pairs.entrySet()) {
            Rows rows = entry.getValue();
            double[] ratios = new double[rows.library.size()];
            var perRound = new ArrayList<String>();
            for (int i = 0; i < ratios.length; i++) {
                ratios[i] = rows.raw.get(i).serverMicros() / rows.library.get(i).serverMicros();
                perRound.add(format("%.2f", ratios[i]));
            }
            out.append(format("| %s | %.1f | %.1f | **%.3f** | %s |%n", entry.getKey(),
                    median(rows.library.stream().mapToDouble(Load.Result::serverMicros).toArray()),
                    median(rows.raw.stream().mapToDouble(Load.Result::serverMicros).toArray()), median(ratios),
                    String.join(" ", perRound)));
        }
        return out.toString();
    }

    /**
     * With servers on more than one kind of thread: each pair's figures per kind in one row, the
     * library's throughput and CPU time and its ratios to the baseline served by the same server.
     */
    private String sideBySide() {
        if (threads.size() < 2) {
            return "";
        }
        var out = new StringBuilder("Side by side, the same pairs on each server:\n\n| pair |");
        var rule = new StringBuilder("|---|");
        for (String kind : threads) {
            out.append(format(" %s: library req/s | ratio | library µs | CPU ratio |", kind));
            rule.append("---:|---:|---:|---:|");
        }
        out.append('\n').append(rule).append('\n');
        var names = new LinkedHashMap<String, Map<String, Rows>>();
        pairs.values().forEach(rows -> names.computeIfAbsent(rows.name, k -> new LinkedHashMap<>())
                .put(rows.threads, rows));
        names.forEach((name, byKind) -> {
            out.append("| ").append(name).append(" |");
            for (String kind : threads) {
                Rows rows = byKind.get(kind);
                if (rows == null) {
                    out.append(" | | | |");
                    continue;
                }
                out.append(format(" %.0f | **%.3f** | %.1f | %.3f |",
                        median(rows.library.stream().mapToDouble(Load.Result::perSecond).toArray()),
                        medianRatio(rows, Load.Result::perSecond, false),
                        median(rows.library.stream().mapToDouble(Load.Result::serverMicros).toArray()),
                        medianRatio(rows, Load.Result::serverMicros, true)));
            }
            out.append('\n');
        });
        return out.append('\n').toString();
    }

    /** The median over the rounds of library/baseline, or baseline/library when {@code inverse}. */
    private static double medianRatio(Rows rows, ToDoubleFunction<Load.Result> figure,
            boolean inverse) {
        double[] ratios = new double[rows.library.size()];
        for (int i = 0; i < ratios.length; i++) {
            double library = figure.applyAsDouble(rows.library.get(i));
            double raw = figure.applyAsDouble(rows.raw.get(i));
            ratios[i] = inverse ? raw / library : library / raw;
        }
        return median(ratios);
    }

    /** DbFilter's own nanoseconds per request, and their share of what a no-DB request costs the server. */
    private String filterCostNote() {
        if (filterCost == null) {
            return "";
        }
        double extra = filterCost.dbFilterNanos() - filterCost.passNanos();
        String share = pairs.entrySet().stream().filter(entry -> entry.getKey().startsWith("(a) ")).findFirst()
                .map(entry -> {
                    double micros = median(entry.getValue().library.stream().mapToDouble(Load.Result::serverMicros)
                            .toArray());
                    return format(", %.2f%% of the %.1f µs of server CPU time that a no-DB request through DbFilter"
                            + " took above", extra / 10 / micros, micros);
                })
                .orElse("");
        return format("DbFilter's own work on a request that does not touch the database, timed in the harness's JVM"
                + " without HTTP ([`FilterCost`](../bench/src/main/java/io/dbfilter/bench/FilterCost.java)): %.0f ns,"
                + " against %.0f ns for a pass-through filter: %.0f ns more%s.%n", filterCost.dbFilterNanos(),
                filterCost.passNanos(), extra, share) + (Double.isNaN(filterCost.metricsNanos()) ? ""
                        : format("With db.metrics=true and a Prometheus registry, DbFilter's own work is %.0f ns"
                                + " per request: %.0f ns for the metrics.%n", filterCost.metricsNanos(),
                                filterCost.metricsNanos() - filterCost.dbFilterNanos()));
    }

    private static String latency(List<Load.Result> results) {
        double p50 = median(results.stream().mapToDouble(r -> r.millis(0.50)).toArray());
        double p99 = median(results.stream().mapToDouble(r -> r.millis(0.99)).toArray());
        return format("%.2f / %.2f", p50, p99);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** 1 for 1.0, 0.25 for 0.25. */
    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static double mb(long bytes) {
        return bytes / 1048576.0;
    }

    private static String format(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}

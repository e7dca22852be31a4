package io.dbfilter.bench;

import io.dbfilter.Database;
import io.dbfilter.Db;
import io.dbfilter.PageRequest;
import io.dbfilter.Scope;
import io.dbfilter.Window;
import jakarta.persistence.TypedQuery;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code -Dbench.depth=true}: offset against keyset on PostgreSQL, in this JVM, without HTTP. A
 * table of {@code bench.depthRows} rows (1,000,000) is filled with {@code generate_series} in a
 * schema of its own, then the first page of 20 and pages deep in the table are loaded with
 * {@code Db.paginate} (count off, so that only the page's own statement is timed; the count is a
 * column of its own) and with {@code Db.scroll}, and the median of {@code bench.depthRepeats} (21)
 * timed loads is printed per depth. Nothing is asserted: the figures go to docs/queries.md.
 */
final class Depth {
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String SCHEMA = "dbfilter_bench_depth";
    private static final String FEED = "select r from Reading r order by r.createdAt desc";
    private static final int SIZE = 20;
    private static final int WARMUP = 5;

    private Depth() {
    }

    static void run() throws SQLException {
        int rows = Integer.getInteger("bench.depthRows", 1_000_000);
        int repeats = Integer.getInteger("bench.depthRepeats", 21);
        fresh();
        try (Database db = Database.create(Map.of("db.url", URL + "?currentSchema=" + SCHEMA, "db.user", "postgres",
                "db.entities", Reading.class.getName()))) {
            db.createAll();
            long filled = fill(rows);
            System.out.printf(Locale.ROOT, "depth: %,d rows filled with generate_series in %d ms, analyzed%n", rows,
                    filled);
            warmUp(db, cursorAfter(db, SIZE));
            System.out.printf(Locale.ROOT, "%n| rows | offset: `paginate`, count off | offset with its count"
                    + " (`paginate`'s default) | keyset: `scroll` | keyset against its first window |%n"
                    + "|---|---:|---:|---:|---:|%n");
            double firstKeyset = 0;
            for (int start : depths(rows)) {
                String cursor = cursorAfter(db, start);
                int page = start / SIZE + 1;
                List<Supplier<?>> loads = List.of(
                        () -> Db.paginate(feed(), PageRequest.of(page, SIZE).count(false)).items(),
                        () -> Db.paginate(feed(), page, SIZE).total(),
                        () -> Db.scroll(feed(), cursor, SIZE).next());
                double[] medians = medians(db, repeats, loads);
                firstKeyset = start == 0 ? medians[2] : firstKeyset;
                System.out.printf(Locale.ROOT, "| %,d - %,d | %.2f ms | %.2f ms | %.2f ms | %.2fx |%n", start + 1,
                        start + SIZE, medians[0] / 1e6, medians[1] / 1e6, medians[2] / 1e6, medians[2] / firstKeyset);
            }
        } finally {
            drop();
        }
    }

    /** Compiles the paths that are timed, so that the first depth is not measured on a cold JVM. */
    private static void warmUp(Database db, String cursor) {
        for (int i = 0; i < 300; i++) {
            time(db, () -> Db.paginate(feed(), PageRequest.of(2, SIZE).count(false)).items());
            time(db, () -> Db.scroll(feed(), cursor, SIZE).items());
            time(db, () -> Db.scroll(feed(), null, SIZE).items());
            time(db, () -> Db.paginate(feed(), 2, SIZE).total());
        }
    }

    private static TypedQuery<Reading> feed() {
        return Db.session().createQuery(FEED, Reading.class);
    }

    /** The first page, a page past row 40,000, and deeper ones where the table has them. */
    private static List<Integer> depths(int rows) {
        return Arrays.stream(new int[] {0, 40_000, 200_000, 500_000, rows - SIZE}).filter(d -> d >= 0 && d <= rows - SIZE)
                .distinct().boxed().toList();
    }

    /** The cursor just after row {@code start}, reached in windows of 10,000 (null for the first window). */
    private static String cursorAfter(Database db, int start) {
        String cursor = null;
        try (Scope scope = db.open()) {
            for (int done = 0; done < start; ) {
                int size = Math.min(10_000, start - done);
                Window<Reading> window = Db.scroll(feed(), cursor, size);
                cursor = window.next();
                done += size;
                Db.session().clear();
            }
        }
        return cursor;
    }

    /** Nanoseconds of one load in a scope of its own, as a request has it. */
    private static long time(Database db, Supplier<?> load) {
        try (Scope scope = db.open()) {
            long start = System.nanoTime();
            load.get();
            return System.nanoTime() - start;
        }
    }

    /**
     * The median nanoseconds of each load over {@code repeats} rounds, the loads taking turns within
     * a round, so that a shared machine's drift falls on all of them alike.
     */
    private static double[] medians(Database db, int repeats, List<Supplier<?>> loads) {
        var samples = new ArrayList<List<Long>>();
        loads.forEach(load -> samples.add(new ArrayList<>()));
        for (int round = 0; round < WARMUP + repeats; round++) {
            for (int i = 0; i < loads.size(); i++) {
                int turn = (round + i) % loads.size();
                long nanos = time(db, loads.get(turn));
                if (round >= WARMUP) {
                    samples.get(turn).add(nanos);
                }
            }
        }
        double[] medians = new double[loads.size()];
        for (int i = 0; i < loads.size(); i++) {
            List<Long> sorted = samples.get(i).stream().sorted().toList();
            medians[i] = sorted.get(sorted.size() / 2);
        }
        return medians;
    }

    private static long fill(int rows) throws SQLException {
        long start = System.nanoTime();
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + SCHEMA);
            statement.execute("INSERT INTO reading (id, created_at, title) SELECT g, timestamp '2020-01-01'"
                    + " + (g / 2) * interval '1 second', 'reading ' || g FROM generate_series(1, " + rows + ") g");
            statement.execute("ANALYZE reading");
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void fresh() throws SQLException {
        drop();
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + SCHEMA);
        }
    }

    private static void drop() throws SQLException {
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, "postgres", null);
    }
}

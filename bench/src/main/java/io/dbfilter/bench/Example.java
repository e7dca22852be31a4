package io.dbfilter.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The example application ({@code io.dbfilter.example.Main}) in child JVMs, started as a user
 * starts it: default JVM options, no {@code db.url}, so embedded Derby in {@code instance/} of a
 * fresh working folder, where create-all really creates the table.
 *
 * <p>Cold start: from just before the process is started to the first 200 answer of
 * {@code /users}, each after a second in which the machine was nearly idle (the database server of
 * a PostgreSQL run can still be busy with what the benchmark left it). Memory: the last cold
 * start's database gets {@value #USERS} users, the example is started again with a GC log and
 * loaded with {@value #CONNECTIONS} connections on pages of
 * {@code /users}; then the peak RSS (VmHWM) is read from /proc, and the heap in use after the load
 * from the GC log line of the full collection that {@code jcmd GC.run} asks for. The GC log also
 * gives the peak heap in use (before any collection) and the heap committed.
 */
final class Example {
    static final int CONNECTIONS = 64;
    static final int USERS = 1_000;
    /** Each cold start waits, up to {@value #QUIET_WAIT_SECONDS} s, for a second with the machine this idle. */
    private static final double QUIET_PERCENT = 10;
    private static final int QUIET_WAIT_SECONDS = 30;
    private static final String MAIN = "io.dbfilter.example.Main";
    private static final Pattern URL = Pattern.compile("serving (http://127\\.0\\.0\\.1:\\d+/users)");
    /** A unified GC log line: {@code ... 24M->5M(64M) 3.2ms}. */
    private static final Pattern GC = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private Example() {
    }

    static void measure(int coldStarts, int loadSeconds, Report report) throws Exception {
        var folders = new ArrayList<Path>();
        try {
            var times = new ArrayList<Double>();
            double busiest = 0;
            for (int i = 0; i < coldStarts; i++) {
                busiest = Math.max(busiest, Machine.awaitQuiet(QUIET_PERCENT, Duration.ofSeconds(QUIET_WAIT_SECONDS)));
                Path folder = Files.createTempDirectory("dbfilter-coldstart");
                folders.add(folder);
                long start = System.nanoTime();
                Process app = start(folder);
                try {
                    awaitUsers(app);
                    times.add((System.nanoTime() - start) / 1e6);
                } finally {
                    stop(app);
                }
                System.out.printf("cold start %d: %.0f ms%n", i + 1, times.get(i));
            }
            report.coldStarts(times, busiest);
            Path folder = folders.get(folders.size() - 1);
            addUsers(folder);
            memory(folder, loadSeconds, report);
        } finally {
            for (Path folder : folders) {
                delete(folder);
            }
        }
    }

    private static void memory(Path folder, int seconds, Report report) throws Exception {
        Path gcLog = folder.resolve("gc.log");
        Process app = start(folder, "-Xlog:gc:file=" + gcLog);
        try {
            URI users = awaitUsers(app);
            HttpClient client = Load.client();
            Load.Result result = Load.run(client, CONNECTIONS, Duration.ofSeconds(seconds),
                    () -> HttpRequest.newBuilder(users.resolve("/users?page="
                            + ThreadLocalRandom.current().nextInt(1, USERS / 20 + 1))).build());
            long rss = peakRss(app.pid());
            run(jcmd(), String.valueOf(app.pid()), "GC.run");
            List<String> lines = Files.readAllLines(gcLog);
            long peakHeap = 0;
            long committed = 0;
            long afterFullGc = -1;
            for (String line : lines) {
                Matcher gc = GC.matcher(line);
                if (gc.find()) {
                    peakHeap = Math.max(peakHeap, bytes(gc.group(1), gc.group(2)));
                    committed = Math.max(committed, bytes(gc.group(5), gc.group(6)));
                    if (line.contains("Pause Full")) {
                        afterFullGc = bytes(gc.group(3), gc.group(4));
                    }
                }
            }
            if (afterFullGc < 0) {
                throw new IllegalStateException("no full collection in the GC log " + gcLog + ": " + lines);
            }
            report.memory(CONNECTIONS, seconds, result, rss, peakHeap, committed, afterFullGc);
        } finally {
            stop(app);
        }
    }

    private static Process start(Path folder, String... jvmOptions) throws IOException {
        var command = new ArrayList<String>();
        command.add(java());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-Dport=0", "-cp", System.getProperty("java.class.path"), MAIN));
        return new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
    }

    /** Waits for the printed URL, then asks for it until it answers 200; the rest of the output is drained. */
    private static URI awaitUsers(Process app) throws IOException, InterruptedException {
        var lines = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
        var seen = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            seen.append(line).append('\n');
            Matcher url = URL.matcher(line);
            if (url.find()) {
                Thread drain = new Thread(() -> lines.lines().forEach(ignored -> { }), "drain");
                drain.setDaemon(true);
                drain.start();
                URI users = URI.create(url.group(1));
                HttpClient client = HttpClient.newHttpClient();
                for (int attempt = 0; attempt < 100; attempt++) {
                    try {
                        var response = client.send(HttpRequest.newBuilder(users).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() == 200) {
                            return users;
                        }
                    } catch (ConnectException e) {
                        Thread.sleep(10);
                    }
                }
                throw new IllegalStateException(users + " never answered 200");
            }
        }
        throw new IllegalStateException("the example exited without printing its URL:\n" + seen);
    }

    /** The example's own table, written while it is stopped; Derby allows one JVM per database. */
    private static void addUsers(Path folder) throws SQLException {
        String url = "jdbc:derby:" + folder.resolve("instance/app");
        System.setProperty("derby.stream.error.file", folder.resolve("bench-derby.log").toString());
        try (Connection connection = DriverManager.getConnection(url);
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO \"user\" (id, username, email, created_at) VALUES (?, ?, ?, ?)")) {
            for (int i = 1; i <= USERS; i++) {
                insert.setLong(1, i);
                insert.setString(2, String.format("user%05d", (i * 7919) % USERS));
                insert.setString(3, "user" + i + "@example.com");
                insert.setTimestamp(4, Timestamp.from(Instant.now()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try {
            DriverManager.getConnection(url + ";shutdown=true");
        } catch (SQLException expected) {
            // Derby reports a clean shutdown as SQLState 08006.
            if (!"08006".equals(expected.getSQLState())) {
                throw expected;
            }
        }
    }

    private static long peakRss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmHWM in /proc/" + pid + "/status");
    }

    private static long bytes(String amount, String unit) {
        return Long.parseLong(amount) << switch (unit) {
            case "K" -> 10;
            case "M" -> 20;
            default -> 30;
        };
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    /** SIGTERM, so that Jetty stops the application and it shuts Derby down cleanly. */
    private static void stop(Process app) throws InterruptedException {
        app.destroy();
        if (!app.waitFor(30, TimeUnit.SECONDS)) {
            app.destroyForcibly().waitFor();
        }
    }

    /** The JDK that runs the server and the example: {@code bench.serverJava}, else the harness's own. */
    static String java() {
        return tool("java");
    }

    private static String jcmd() {
        return tool("jcmd");
    }

    private static String tool(String name) {
        String home = System.getProperty("bench.serverJava", "").strip();
        return Path.of(home.isEmpty() ? System.getProperty("java.home") : home, "bin", name).toString();
    }

    private static void delete(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}

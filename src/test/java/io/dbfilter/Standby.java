package io.dbfilter;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;

/**
 * The local PostgreSQL server's streaming standby on 127.0.0.1:5433, made and started by
 * {@code .ci/standby.sh}. Without it the replica tests are skipped with one line saying how to get
 * it, or fail with {@code -Ddbfilter.test.servers.required=true} (CI, which runs the script first).
 */
final class Standby {
    static final String URL = "jdbc:postgresql://127.0.0.1:5433/test";
    private static final Path SCRIPT = Path.of(".ci/standby.sh");

    private Standby() {
    }

    /** The standby's URL for a schema of the primary's, checking first that the standby streams. */
    static String replicaOf(TestServers.Schema schema) {
        String problem = problem();
        if (problem != null) {
            if (Boolean.getBoolean(TestServers.REQUIRED)) {
                return fail(problem + " (" + TestServers.REQUIRED + "=true)");
            }
            System.err.println("dbfilter: skipping the standby tests: " + problem);
            Assumptions.abort(problem);
        }
        return schema.url().replace("127.0.0.1:5432/", "127.0.0.1:5433/");
    }

    private static String problem() {
        try (Connection connection = connect(); var sql = connection.createStatement();
                var row = sql.executeQuery("SELECT pg_is_in_recovery()")) {
            row.next();
            return row.getBoolean(1) ? null : "the server on 127.0.0.1:5433 is not a standby (not in recovery)";
        } catch (SQLException e) {
            return "no PostgreSQL standby answers on 127.0.0.1:5433 (" + e.getMessage() + "); run"
                    + " .ci/standby.sh as root to make one of the local server";
        }
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL + "?connectTimeout=5", "postgres", "");
    }

    /** Runs one statement on the standby as the superuser: pausing and resuming its replay. */
    static void sql(String statement) throws SQLException {
        try (Connection connection = connect(); var sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    /** Stops or starts the standby with the script, which waits until it streams again. */
    static void script(String action) throws IOException, InterruptedException {
        Path log = Files.createTempFile("standby", ".log");
        Process process = new ProcessBuilder("bash", SCRIPT.toString(), action).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        int exit = process.waitFor();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        if (exit != 0) {
            fail(".ci/standby.sh " + action + " failed with exit " + exit + ":\n" + output);
        }
    }

    /** What {@code work} logs (slf4j-simple writes to System.err). */
    static String log(Runnable work) {
        java.io.PrintStream err = System.err;
        var buffer = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setErr(err);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    /** Waits for a condition that replication makes true, failing after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("gave up after " + timeout.toSeconds() + " s waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}

package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.internal.jdbc.PoolStart;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every configuration mistake stops start-up with one message that names the setting and the fix. */
class StartupErrorsTest {
    static String failure(Class<? extends RuntimeException> type, Map<String, String> settings) {
        Set<String> before = poolThreads();
        Executable start = () -> Database.create(settings).close();
        String message = assertThrows(type, start).getMessage();
        assertTrue(message.startsWith("dbfilter: "), message);
        awaitNoNewPoolThreads(before);
        return message;
    }

    static Set<String> poolThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("dbfilter-")).collect(Collectors.toSet());
    }

    /** HikariCP's threads end shortly after the pool closes; wait for that, not for a fixed time. */
    static void awaitNoNewPoolThreads(Set<String> before) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        Set<String> left;
        do {
            left = poolThreads();
            left.removeAll(before);
            if (left.isEmpty()) {
                return;
            }
            Thread.onSpinWait();
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("pool threads left behind: " + left);
    }

    @Test
    void malformedUrlShowsTheExpectedShape() {
        String message = failure(IllegalArgumentException.class,
                Map.of("db.url", "derby:memory:x", "db.packages", "io.dbfilter.model"));

        assertTrue(message.contains("db.url (Database.create setting) is not a JDBC URL: 'derby:memory:x'"), message);
        assertTrue(message.contains("jdbc:<database>:<where>"), message);
    }

    @Test
    void urlWithoutADriverNamesTheArtifactToAdd() {
        String message = failure(IllegalArgumentException.class,
                Map.of("db.url", "jdbc:h2:mem:test", "db.packages", "io.dbfilter.model"));

        assertTrue(message.contains("no JDBC driver on the classpath accepts db.url"), message);
        assertTrue(message.contains("com.h2database:h2"), message);
    }

    @Test
    void unreachableServerSaysToCheckThatItRuns() {
        String message = failure(IllegalStateException.class, Map.of(
                "db.url", "jdbc:postgresql://127.0.0.1:1/test", "db.packages", "io.dbfilter.model",
                "db.pool.connectionTimeout", "1000"));

        assertTrue(message.contains("cannot reach the database at db.url (Database.create setting)="
                + "'jdbc:postgresql://127.0.0.1:1/test'"), message);
        assertTrue(message.contains("Check that the server is running"), message);
    }

    @Test
    void serverThatNeverAnswersSaysToRaiseTheConnectionTimeout() throws Exception {
        // Accepts connections and never says a word, like a server still starting or hanging.
        try (var silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String message = failure(IllegalStateException.class, Map.of(
                    "db.url", "jdbc:derby://127.0.0.1:" + silent.getLocalPort() + "/app",
                    "db.packages", "io.dbfilter.model",
                    "db.pool.connectionTimeout", "250"));

            assertTrue(message.contains("did not answer within the login timeout"), message);
            assertTrue(message.contains("raise db.pool.connectionTimeout"), message);
        }
    }

    @Test
    void missingDerbyDatabaseSaysToAddCreateTrue() {
        String message = failure(IllegalStateException.class,
                Map.of("db.url", "jdbc:derby:memory:neverCreated", "db.packages", "io.dbfilter.model"));

        assertTrue(message.contains("the Derby database memory:neverCreated does not exist. Add ;create=true"),
                message);
    }

    @Test
    void wrongPasswordNamesTheCredentialsAndNeverShowsThePassword() throws SQLException {
        String url = "jdbc:derby:memory:secured";
        try (var connection = DriverManager.getConnection(url + ";create=true;user=app;password=right");
                var statement = connection.createStatement()) {
            // Creating the owner's credentials turns on Derby's NATIVE authentication for this database.
            statement.execute("CALL SYSCS_UTIL.SYSCS_CREATE_USER('APP', 'right')");
        }
        shutDown(url + ";shutdown=true;user=app;password=right", "08006");
        try {
            var trace = new StringWriter();
            // Everything logged at the most verbose levels, and the whole exception with its causes.
            String log = SchemaTest.captureOutput(() -> {
                String message = failure(IllegalStateException.class, Map.of("db.url", url, "db.user", "app",
                        "db.password", "S3cret-wrong", "db.packages", "io.dbfilter.model", "db.echo", "true",
                        "eclipselink.logging.level", "FINEST", "db.pool.connectionTimeout", "5000"));
                assertTrue(message.contains("the database refused the credentials: check db.user"), message);
                assertThrows(IllegalStateException.class, () -> Database.create(Map.of("db.url", url,
                        "db.user", "app", "db.password", "S3cret-wrong", "db.packages", "io.dbfilter.model")))
                        .printStackTrace(new PrintWriter(trace));
            });

            assertFalse(log.contains("S3cret-wrong"), log);
            assertFalse(trace.toString().contains("S3cret-wrong"), trace.toString());
            assertTrue(trace.toString().contains("refused the credentials"), trace.toString());

            // And when the password is right: not in the log of a verbose start and query, nor in toString().
            var started = new String[1];
            String verbose = SchemaTest.captureOutput(() -> {
                try (Database db = Database.create(Map.of("db.url", url, "db.user", "app", "db.password", "right",
                        "db.packages", "io.dbfilter.model", "db.echo", "true", "eclipselink.logging.level", "FINEST"))) {
                    db.createAll();
                    try (var scope = db.open()) {
                        Db.session().createQuery("select count(u) from User u", Long.class).getSingleResult();
                    }
                    started[0] = db.toString() + " " + db.dataSource();
                }
            });
            assertTrue(verbose.contains("select") || verbose.contains("SELECT"), "the log was not verbose:\n" + verbose);
            assertFalse(verbose.contains("=right") || verbose.contains("right,") || verbose.contains("'right'"), verbose);
            assertFalse(started[0].contains("right"), started[0]);
        } finally {
            // Closing the last Database on it drops an in-memory database; drop it here if a check failed first.
            var dropped = assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(url + ";drop=true;user=app;password=right"));
            assertTrue(List.of("08006", "XJ004").contains(dropped.getSQLState()), dropped.getSQLState());
        }
    }

    private static void shutDown(String url, String expectedState) {
        var error = assertThrows(SQLException.class, () -> DriverManager.getConnection(url));
        assertEquals(expectedState, error.getSQLState());
    }

    @Test
    void passwordInTheUrlIsHiddenInMessages() {
        String message = failure(IllegalStateException.class, Map.of(
                "db.url", "jdbc:postgresql://127.0.0.1:1/test?user=app&password=hunter2",
                "db.packages", "io.dbfilter.model"));

        assertFalse(message.contains("hunter2"), message);
        assertTrue(message.contains("password=****"), message);
    }

    @Test
    void unknownKeySuggestsTheNearestOne() {
        String message = failure(IllegalArgumentException.class,
                Map.of("db.uri", TestDatabases.memoryUrl(), "db.packages", "io.dbfilter.model"));

        assertTrue(message.contains("unknown setting db.uri (Database.create setting). Did you mean db.url?"), message);
    }

    @Test
    void poolPropertyWithABadValueNamesTheProperty() {
        String message = failure(IllegalArgumentException.class, Map.of("db.url", TestDatabases.memoryUrl(),
                "db.packages", "io.dbfilter.model", "db.pool.maximumPoolSize", "many"));

        assertEquals("dbfilter: db.pool.maximumPoolSize (Database.create setting) must be a whole number, not 'many'.",
                message);
    }

    @Test
    void poolPropertyThatHikariRefusesCarriesHikarisReason() {
        String message = failure(IllegalArgumentException.class, Map.of("db.url", TestDatabases.memoryUrl(),
                "db.packages", "io.dbfilter.model", "db.pool.maximumPoolSize", "0"));

        assertEquals("dbfilter: db.pool.maximumPoolSize (Database.create setting)='0' was refused by HikariCP:"
                + " maxPoolSize cannot be less than 1", message);
    }

    @Test
    void entityClassThatDoesNotExistIsNamed() {
        String message = failure(IllegalArgumentException.class,
                Map.of("db.url", TestDatabases.memoryUrl(), "db.entities", "io.dbfilter.model.Usr"));

        assertTrue(message.contains("db.entities (Database.create setting) names the class io.dbfilter.model.Usr,"
                + " which cannot be loaded"), message);
    }

    @Test
    void listedClassThatIsNotAnEntityIsNamed() {
        String message = failure(IllegalArgumentException.class,
                Map.of("db.url", TestDatabases.memoryUrl(), "db.entities", "io.dbfilter.broken.NotAnEntity"));

        assertTrue(message.contains("names io.dbfilter.broken.NotAnEntity, which is not annotated @Entity"), message);
    }

    @Test
    void noEntitiesNamesBothKeys() {
        String message = failure(IllegalArgumentException.class, Map.of("db.url", TestDatabases.memoryUrl()));

        assertTrue(message.contains("no @Entity class found. List the entity classes in db.entities"), message);
        assertTrue(message.contains("in db.packages"), message);
        assertTrue(message.contains("neither is set"), message);
    }

    @Test
    void packageWithoutEntitiesNamesThePackage() {
        String message = failure(IllegalArgumentException.class,
                Map.of("db.url", TestDatabases.memoryUrl(), "db.packages", "org.junit.jupiter.api.io"));

        assertTrue(message.contains("found none in db.packages (Database.create setting)='org.junit.jupiter.api.io'"),
                message);
    }

    @Test
    void packageThatDoesNotExistIsNamed() {
        String message = failure(IllegalArgumentException.class,
                Map.of("db.url", TestDatabases.memoryUrl(), "db.packages", "io.dbfilter.modle"));

        assertTrue(message.contains("names the package io.dbfilter.modle, which is not on the classpath"), message);
    }

    @Test
    void databaseThatCannotBeReachedIsReportedBeforeAMappingErrorThatCarriesIt() {
        Set<String> before = poolThreads();
        Executable start = () -> Database.create(Map.of("db.url", "jdbc:derby:memory:neverCreated",
                "db.entities", "io.dbfilter.broken.NoId")).close();

        var failure = assertThrows(IllegalStateException.class, start);
        awaitNoNewPoolThreads(before);

        assertTrue(failure.getMessage().contains("the Derby database memory:neverCreated does not exist"),
                failure.getMessage());
        // EclipseLink read the entities while the pool connected: its error is kept, not lost.
        var mapping = List.of(failure.getCause().getSuppressed());
        assertEquals(1, mapping.size(), mapping::toString);
        assertTrue(stackTrace(mapping.get(0)).contains("NoId"), () -> stackTrace(mapping.get(0)));
    }

    @Test
    void startOnAnInterruptedThreadStillWaitsForThePoolAndKeepsTheInterrupt() throws SQLException {
        // A database whose first connection holds its init statement until the starting thread waits for it.
        String url = TestDatabases.memoryUrl();
        try (var connection = DriverManager.getConnection(url); var statement = connection.createStatement()) {
            statement.execute("CREATE PROCEDURE HOLD_UNTIL_STARTER_WAITS() PARAMETER STYLE JAVA NO SQL LANGUAGE JAVA"
                    + " EXTERNAL NAME '" + Hold.class.getName() + ".untilStarterWaits'");
        }
        Set<String> before = poolThreads();
        Hold.starter.set(Thread.currentThread());
        Thread.currentThread().interrupt();
        try (Database database = Database.create(Map.of("db.url", url, "db.packages", "io.dbfilter.model",
                "db.pool.connectionInitSql", "CALL HOLD_UNTIL_STARTER_WAITS()"))) {
            assertTrue(Thread.interrupted(), "the start swallowed the interrupt");
            try (var connection = database.dataSource().getConnection()) {
                assertTrue(connection.isValid(1));
            }
        } finally {
            Thread.interrupted();
            Hold.starter.set(null);
        }
        awaitNoNewPoolThreads(before);
    }

    /** A Derby procedure, so public: holds a new connection until the thread that started the Database waits. */
    public static final class Hold {
        /** Taken by the first connection only; the pool's later connections pass at once. */
        static final AtomicReference<Thread> starter = new AtomicReference<>();

        private Hold() {
        }

        public static void untilStarterWaits() {
            Thread waiting = starter.getAndSet(null);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (waiting != null && !waitsForThePool(waiting) && Instant.now().isBefore(deadline)) {
                Thread.onSpinWait();
            }
        }

        private static boolean waitsForThePool(Thread thread) {
            return thread.getState() == Thread.State.WAITING && Arrays.stream(thread.getStackTrace()).anyMatch(
                    frame -> frame.getClassName().equals(PoolStart.class.getName())
                            && frame.getMethodName().equals("await"));
        }
    }

    private static String stackTrace(Throwable failure) {
        var text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    @Test
    void entityThatCannotBeMappedFailsAfterThePoolStartedAndClosesIt() {
        String message = failure(IllegalStateException.class,
                Map.of("db.url", TestDatabases.memoryUrl(), "db.entities", "io.dbfilter.broken.NoId"));

        assertTrue(message.startsWith("dbfilter: EclipseLink could not map the entities:"), message);
        assertTrue(message.contains("NoId"), message);
    }
}

package io.dbfilter.example;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the example's tests run on, each test on a fresh, empty one: a new in-memory Derby
 * database, or a schema (PostgreSQL) or database (MariaDB) named {@code example_<random>} that is
 * dropped afterwards, so that runs never see each other's {@code user} table.
 *
 * <p>The servers are where the library's tests look for them ({@code dbfilter.test.postgres.url} or
 * {@code DBFILTER_TEST_POSTGRES_URL}, default {@code jdbc:postgresql://127.0.0.1:5432/test}, user
 * {@code postgres}; the same with {@code mariadb}, default {@code jdbc:mariadb://127.0.0.1:3306/test},
 * user {@code root}). A server that cannot be reached skips its tests with one line, or fails them
 * with {@code -Dexample.servers.required=true} (CI).
 */
enum TestDatabase {
    DERBY("Derby", null, null, null),
    POSTGRESQL("PostgreSQL", "postgres", "jdbc:postgresql://127.0.0.1:5432/test", "postgres"),
    MARIADB("MariaDB", "mariadb", "jdbc:mariadb://127.0.0.1:3306/test", "root");

    static final String REQUIRED = "example.servers.required";
    private static final AtomicInteger DERBY_COUNT = new AtomicInteger();
    private static final Pattern SERVER_URL = Pattern.compile("(jdbc:[a-z]+://[^/?]*)(/[^?]*)?(\\?.*)?");
    private static final Map<TestDatabase, String> UNREACHABLE = new ConcurrentHashMap<>();

    private final String label;
    private final String key;
    private final String defaultUrl;
    private final String defaultUser;

    TestDatabase(String label, String key, String defaultUrl, String defaultUser) {
        this.label = label;
        this.key = key;
        this.defaultUrl = defaultUrl;
        this.defaultUser = defaultUser;
    }

    /** A fresh database's settings for the application; closing it drops what the test created. */
    record Fresh(TestDatabase kind, String name, String url, String user, String password) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            if (kind == DERBY) {
                return; // in memory: gone with the application's pool
            }
            try (Connection admin = kind.admin(); var statement = admin.createStatement()) {
                statement.execute(kind == POSTGRESQL ? "DROP SCHEMA " + name + " CASCADE" : "DROP DATABASE " + name);
            }
        }
    }

    /**
     * A new, empty database of this kind. An unreachable server aborts (skips) the calling test, or
     * fails it when {@value #REQUIRED} is true.
     */
    Fresh fresh() {
        if (this == DERBY) {
            return new Fresh(this, null, "jdbc:derby:memory:example" + DERBY_COUNT.incrementAndGet() + ";create=true",
                    null, null);
        }
        String unreachable = UNREACHABLE.get(this);
        if (unreachable == null) {
            String name = "example_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection admin = admin(); var statement = admin.createStatement()) {
                if (this == POSTGRESQL) {
                    statement.execute("CREATE SCHEMA " + name);
                    return new Fresh(this, name, url() + (url().contains("?") ? "&" : "?") + "currentSchema=" + name,
                            user(), password());
                }
                var parts = SERVER_URL.matcher(url());
                if (!parts.matches()) {
                    throw new IllegalArgumentException("not a server URL: " + url());
                }
                // utf8mb4: MariaDB's "utf8" holds no 4-byte characters such as emoji.
                statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
                return new Fresh(this, name, parts.group(1) + "/" + name + (parts.group(3) == null ? "" : parts.group(3)),
                        user(), password());
            } catch (SQLException e) {
                unreachable = label + " is unreachable at " + url() + " as user '" + user() + "' (" + e.getMessage()
                        + "); start it, or point DBFILTER_TEST_" + key.toUpperCase(Locale.ROOT) + "_URL at one";
                if (UNREACHABLE.putIfAbsent(this, unreachable) == null && !Boolean.getBoolean(REQUIRED)) {
                    // Surefire does not print why a test was skipped: say it once per server.
                    System.err.println("example: skipping the " + label + " runs: " + unreachable);
                }
            }
        }
        if (Boolean.getBoolean(REQUIRED)) {
            return fail(unreachable + " (" + REQUIRED + "=true)");
        }
        return Assumptions.abort(unreachable);
    }

    private Connection admin() throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", user());
        properties.setProperty("password", password());
        // A firewalled host must not hang the build for minutes (PostgreSQL counts seconds, MariaDB milliseconds).
        properties.setProperty("connectTimeout", this == POSTGRESQL ? "5" : "5000");
        return DriverManager.getConnection(url(), properties);
    }

    private String url() {
        return setting("url", defaultUrl);
    }

    private String user() {
        return setting("user", defaultUser);
    }

    private String password() {
        return setting("password", "");
    }

    private String setting(String name, String defaultValue) {
        String property = System.getProperty("dbfilter.test." + key + "." + name);
        if (property != null) {
            return property;
        }
        String env = System.getenv("DBFILTER_TEST_" + key.toUpperCase(Locale.ROOT) + "_" + name.toUpperCase(Locale.ROOT));
        return env != null ? env : defaultValue;
    }

    @Override
    public String toString() {
        return label;
    }
}

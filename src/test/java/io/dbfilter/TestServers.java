package io.dbfilter;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the portability tests run on, and a schema of its own on one of them for each use,
 * so that runs (and tests) never see each other's tables.
 *
 * <p>Where the servers are comes from system properties or environment variables, with the local
 * defaults: {@code dbfilter.test.postgres.url} / {@code DBFILTER_TEST_POSTGRES_URL}
 * ({@code jdbc:postgresql://127.0.0.1:5432/test}), {@code ..._USER} ({@code postgres}),
 * {@code ..._PASSWORD} (none), and the same with {@code mariadb} ({@code jdbc:mariadb://127.0.0.1:3306/test},
 * {@code root}). A server that cannot be reached skips its tests with a message naming it; with
 * {@code -Ddbfilter.test.servers.required=true} (CI) it fails them instead.
 */
final class TestServers {
    static final String REQUIRED = "dbfilter.test.servers.required";
    private static final Pattern SERVER_URL = Pattern.compile("(jdbc:[a-z]+://[^/?]*)(/[^?]*)?(\\?.*)?");
    private static final Map<Kind, String> UNREACHABLE = new ConcurrentHashMap<>();

    /** A database product the suite runs on. */
    enum Kind {
        DERBY("Derby embedded", null, null, null),
        POSTGRESQL("PostgreSQL", "postgres", "jdbc:postgresql://127.0.0.1:5432/test", "postgres"),
        MARIADB("MariaDB", "mariadb", "jdbc:mariadb://127.0.0.1:3306/test", "root");

        final String label;
        private final String key;
        private final String defaultUrl;
        private final String defaultUser;

        Kind(String label, String key, String defaultUrl, String defaultUser) {
            this.label = label;
            this.key = key;
            this.defaultUrl = defaultUrl;
            this.defaultUser = defaultUser;
        }

        String url() {
            return setting("url", defaultUrl);
        }

        String user() {
            return setting("user", defaultUser);
        }

        String password() {
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

    /** A schema (PostgreSQL) or database (MariaDB) of its own; closing it drops it with its tables. */
    record Schema(Kind kind, String name, String url, String user, String password) implements AutoCloseable {
        /** Settings for a Database on this schema mapping {@code packages}, plus {@code extra} key/value pairs. */
        Map<String, String> settings(String packages, String... extra) {
            var settings = new HashMap<String, String>();
            settings.put("db.url", url);
            settings.put("db.packages", packages);
            if (user != null) {
                settings.put("db.user", user);
            }
            if (password != null && !password.isEmpty()) {
                settings.put("db.password", password);
            }
            for (int i = 0; i < extra.length; i += 2) {
                settings.put(extra[i], extra[i + 1]);
            }
            return settings;
        }

        /** A plain JDBC connection to this schema, outside any pool. */
        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, credentials(kind));
        }

        @Override
        public void close() throws SQLException {
            if (kind == Kind.DERBY) {
                return;
            }
            try (Connection admin = DriverManager.getConnection(kind.url(), credentials(kind));
                    var statement = admin.createStatement()) {
                statement.execute(kind == Kind.POSTGRESQL ? "DROP SCHEMA " + name + " CASCADE" : "DROP DATABASE " + name);
            }
        }
    }

    private TestServers() {
    }

    /**
     * A new, empty schema on the given database. When the server cannot be reached, the calling
     * test is skipped (aborted) with a message naming the server and URL, or fails when
     * {@value #REQUIRED} is true.
     */
    static Schema create(Kind kind) {
        if (kind == Kind.DERBY) {
            return new Schema(kind, "APP", TestDatabases.memoryUrl(), null, null);
        }
        String unreachable = UNREACHABLE.get(kind);
        if (unreachable == null) {
            String name = "dbfilter_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection admin = DriverManager.getConnection(kind.url(), credentials(kind));
                    var statement = admin.createStatement()) {
                if (kind == Kind.POSTGRESQL) {
                    statement.execute("CREATE SCHEMA " + name);
                    String url = kind.url() + (kind.url().contains("?") ? "&" : "?") + "currentSchema=" + name;
                    return new Schema(kind, name, url, kind.user(), kind.password());
                }
                var parts = SERVER_URL.matcher(kind.url());
                if (!parts.matches()) {
                    throw new IllegalArgumentException("not a server URL: " + kind.url());
                }
                String query = parts.group(3) == null ? "" : parts.group(3);
                // utf8mb4: MariaDB's "utf8" holds no 4-byte characters such as emoji.
                statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
                return new Schema(kind, name, parts.group(1) + "/" + name + query, kind.user(), kind.password());
            } catch (SQLException e) {
                unreachable = kind.label + " is unreachable at " + kind.url() + " as user '" + kind.user() + "' ("
                        + e.getMessage() + "); start it, or point DBFILTER_TEST_" + kind.key.toUpperCase(Locale.ROOT)
                        + "_URL at one.";
                UNREACHABLE.put(kind, unreachable);
                if (!Boolean.getBoolean(REQUIRED)) {
                    // Surefire does not print why a test was skipped: say it once per server.
                    System.err.println("dbfilter: skipping the " + kind.label + " tests: " + unreachable);
                }
            }
        }
        if (Boolean.getBoolean(REQUIRED)) {
            return fail(unreachable + " (" + REQUIRED + "=true)");
        }
        return Assumptions.abort(unreachable);
    }

    private static Properties credentials(Kind kind) {
        var properties = new Properties();
        if (kind == Kind.DERBY) {
            return properties;
        }
        properties.setProperty("user", kind.user());
        properties.setProperty("password", kind.password());
        // A firewalled host must not hang the build for minutes (PostgreSQL counts seconds, MariaDB milliseconds).
        properties.setProperty("connectTimeout", kind == Kind.POSTGRESQL ? "5" : "5000");
        return properties;
    }
}

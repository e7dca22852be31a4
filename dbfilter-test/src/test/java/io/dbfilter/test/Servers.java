package io.dbfilter.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the extension is proven on, each time in a database (Derby, MariaDB) or schema
 * (PostgreSQL) of its own, reached as the tests' application reaches it: through {@code db.*}
 * system properties, which win over every other setting. A server that does not answer skips the
 * test with one line, or fails it with {@code -Ddbfilter.test.servers.required=true} (CI).
 */
enum Servers {
    DERBY, POSTGRESQL, MARIADB;

    /** A fresh place for tables, and a plain JDBC way in that bypasses dbfilter. */
    record Place(Servers kind, String url, String user, String name) implements AutoCloseable {
        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, "");
        }

        /** Runs {@code body} with this place as the {@code db.*} system properties. */
        <T> T asSystemProperties(Supplier<T> body) {
            System.setProperty("db.url", url);
            if (user != null) {
                System.setProperty("db.user", user);
            }
            try {
                return body.get();
            } finally {
                System.clearProperty("db.url");
                System.clearProperty("db.user");
            }
        }

        long count(String table) throws SQLException {
            try (Connection connection = connect(); var statement = connection.createStatement();
                    var rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rows.next();
                return rows.getLong(1);
            }
        }

        /** The highest id EclipseLink's sequence table has handed out, read outside dbfilter. */
        long sequenceCount() throws SQLException {
            try (Connection connection = connect(); var tables = connection.getMetaData().getTables(null, null, "%", null)) {
                while (tables.next()) {
                    String table = tables.getString("TABLE_NAME");
                    if (table.equalsIgnoreCase("sequence")
                            && (kind != POSTGRESQL || name.equals(tables.getString("TABLE_SCHEM")))) {
                        try (var statement = connection.createStatement();
                                var rows = statement.executeQuery("SELECT MAX(SEQ_COUNT) FROM " + quoted(table))) {
                            rows.next();
                            return rows.getLong(1);
                        }
                    }
                }
            }
            throw new AssertionError("no sequence table in " + url);
        }

        private String quoted(String table) {
            return kind == MARIADB ? "`" + table + "`" : "\"" + table + "\"";
        }

        @Override
        public void close() throws SQLException {
            if (kind == DERBY) {
                return;
            }
            try (Connection admin = DriverManager.getConnection(kind.adminUrl(), user, "");
                    var statement = admin.createStatement()) {
                statement.execute(kind == POSTGRESQL ? "DROP SCHEMA " + name + " CASCADE" : "DROP DATABASE " + name);
            }
        }
    }

    Place fresh() {
        String name = "dbt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (this == DERBY) {
            return new Place(this, "jdbc:derby:target/derby/" + name + ";create=true", null, name);
        }
        String user = this == POSTGRESQL ? property("user", "postgres") : property("user", "root");
        try (Connection admin = DriverManager.getConnection(adminUrl(), user, "");
                var statement = admin.createStatement()) {
            statement.execute(this == POSTGRESQL ? "CREATE SCHEMA " + name : "CREATE DATABASE " + name);
        } catch (SQLException e) {
            String message = this + " at " + adminUrl() + " cannot be reached (" + e.getMessage() + ")";
            if (Boolean.getBoolean("dbfilter.test.servers.required")) {
                throw new AssertionError(message, e);
            }
            Assumptions.abort("skipped: " + message);
        }
        String url = this == POSTGRESQL ? adminUrl() + "?currentSchema=" + name : adminUrl().replaceAll("/[^/]*$", "/" + name);
        return new Place(this, url, user, name);
    }

    private String adminUrl() {
        return this == POSTGRESQL ? property("url", "jdbc:postgresql://127.0.0.1:5432/test")
                : property("url", "jdbc:mariadb://127.0.0.1:3306/test");
    }

    private String property(String name, String defaultValue) {
        return System.getProperty("dbfilter.test." + name().toLowerCase(Locale.ROOT) + "." + name, defaultValue);
    }
}

package io.dbfilter.test;

import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Refuses, before it runs, SQL that would end the test's transaction and so make the test's work
 * permanent: transaction control on every database, and on MariaDB and MySQL the statements that
 * commit implicitly (DDL among them). PostgreSQL and Derby run DDL inside the transaction, and
 * roll it back with the rest.
 */
final class SqlGuard {
    private static final Pattern TRANSACTION_CONTROL = Pattern.compile(
            "\\s*(COMMIT|END|BEGIN|START\\s+TRANSACTION|ROLLBACK(?!\\s+(WORK\\s+)?TO\\b)|SET\\s+AUTOCOMMIT)\\b.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /** What MariaDB's manual lists as causing an implicit commit, but for temporary tables, which do not. */
    private static final Pattern IMPLICIT_COMMIT = Pattern.compile(
            "\\s*((CREATE|DROP)\\s+(?!TEMPORARY\\b)|ALTER\\s|TRUNCATE\\s|RENAME\\s|LOCK\\s+TABLES?\\b|UNLOCK\\s+TABLES?\\b"
                    + "|GRANT\\s|REVOKE\\s|ANALYZE\\s+TABLE|OPTIMIZE\\s+TABLE|REPAIR\\s+TABLE|CHECK\\s+TABLE|LOAD\\s+DATA\\s).*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final String product;
    private final boolean commitsOnDdl;

    private SqlGuard(String product, boolean commitsOnDdl) {
        this.product = product;
        this.commitsOnDdl = commitsOnDdl;
    }

    static SqlGuard of(String product) {
        String lower = product.toLowerCase(Locale.ROOT);
        return new SqlGuard(product, lower.contains("mariadb") || lower.contains("mysql"));
    }

    void check(String sql) throws SQLException {
        if (TRANSACTION_CONTROL.matcher(sql).matches()) {
            throw refused(sql, "it would end the test's transaction, which the test's end rolls back. Use"
                    + " Db.commit() or Db.rollback() (or the connection's commit() and rollback()) instead");
        }
        if (commitsOnDdl && IMPLICIT_COMMIT.matcher(sql).matches()) {
            throw refused(sql, product + " commits the transaction before and after it, which would make the test's"
                    + " work permanent. Create tables before the tests (the extension runs createAll() once per test"
                    + " class), or test this code without the extension, on a database of its own");
        }
    }

    private static SQLException refused(String sql, String why) {
        String shown = sql.strip();
        if (shown.length() > 80) {
            shown = shown.substring(0, 80) + "...";
        }
        return new SQLException("dbfilter-test: refused to run \"" + shown + "\" inside a test: " + why + ".", "25000");
    }
}

package io.dbfilter.internal.jdbc;

import io.dbfilter.internal.util.Causes;
import java.sql.SQLException;

/**
 * Recognises a duplicate key in an exception chain. SQLState class 23 covers every integrity
 * violation, and MariaDB and MySQL use one state (23000) for all of them, so there the vendor code
 * tells a duplicate apart from a missing NOT NULL value or foreign key.
 */
public final class UniqueViolation {
    private static final String STANDARD_STATE = "23505";
    private static final String MYSQL_STATE = "23000";
    private static final int MYSQL_DUPLICATE_ENTRY = 1062;

    private UniqueViolation() {
    }

    public static boolean causes(Throwable error) {
        return Causes.find(error, SQLException.class, UniqueViolation::isDuplicate) != null;
    }

    private static boolean isDuplicate(SQLException sql) {
        return STANDARD_STATE.equals(sql.getSQLState())
                || MYSQL_STATE.equals(sql.getSQLState()) && sql.getErrorCode() == MYSQL_DUPLICATE_ENTRY;
    }
}

package io.dbfilter;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Recognises a duplicate key in an exception chain. SQLState class 23 covers every integrity
 * violation, and MariaDB and MySQL use one state (23000) for all of them, so there the vendor code
 * tells a duplicate apart from a missing NOT NULL value or foreign key.
 */
final class UniqueViolation {
    private static final String STANDARD_STATE = "23505";
    private static final String MYSQL_STATE = "23000";
    private static final int MYSQL_DUPLICATE_ENTRY = 1062;

    private UniqueViolation() {
    }

    static boolean causes(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = error; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof SQLException sql && isDuplicate(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDuplicate(SQLException sql) {
        return STANDARD_STATE.equals(sql.getSQLState())
                || MYSQL_STATE.equals(sql.getSQLState()) && sql.getErrorCode() == MYSQL_DUPLICATE_ENTRY;
    }
}

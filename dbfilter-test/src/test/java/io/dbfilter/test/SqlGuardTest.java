package io.dbfilter.test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which SQL would end the test's transaction, per database. */
class SqlGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"COMMIT", " commit work", "ROLLBACK", "rollback work", "BEGIN", "START TRANSACTION",
            "SET autocommit = 1", "END"})
    void transactionControlIsRefusedEverywhere(String sql) {
        for (String product : new String[] {"Apache Derby", "PostgreSQL", "MariaDB"}) {
            var refused = assertThrows(SQLException.class, () -> SqlGuard.of(product).check(sql), product + ": " + sql);
            assertTrue(refused.getMessage().contains("Db.commit()"), refused.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ROLLBACK TO SAVEPOINT a", "rollback to a", "SELECT 1", "INSERT INTO note VALUES (1)",
            "UPDATE note SET title = 'commit'", "ENDPOINT_TABLE_SELECT"})
    void ordinaryStatementsAndSavepointsRunEverywhere(String sql) {
        for (String product : new String[] {"Apache Derby", "PostgreSQL", "MariaDB", "MySQL"}) {
            assertDoesNotThrow(() -> SqlGuard.of(product).check(sql), product + ": " + sql);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATE TABLE x (id INT)", "drop table x", "ALTER TABLE x ADD y INT", "TRUNCATE TABLE x",
            "RENAME TABLE x TO y", "LOCK TABLES x WRITE", "CREATE INDEX i ON x (id)"})
    void statementsThatCommitImplicitlyAreRefusedOnMariaDbOnly(String sql) {
        var refused = assertThrows(SQLException.class, () -> SqlGuard.of("MariaDB").check(sql));

        assertTrue(refused.getMessage().contains("MariaDB commits the transaction before and after it"), refused.getMessage());
        assertDoesNotThrow(() -> SqlGuard.of("PostgreSQL").check(sql));
        assertDoesNotThrow(() -> SqlGuard.of("Apache Derby").check(sql));
    }

    @ParameterizedTest
    @ValueSource(strings = {"CREATE TEMPORARY TABLE t (id INT)", "DROP TEMPORARY TABLE t"})
    void temporaryTablesDoNotCommitOnMariaDb(String sql) {
        assertDoesNotThrow(() -> SqlGuard.of("MariaDB").check(sql));
    }
}

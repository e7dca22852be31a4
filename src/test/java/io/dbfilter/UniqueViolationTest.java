package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** {@link Db#isUniqueViolation} on exceptions as the drivers build them; PortabilityTest runs it on real databases. */
class UniqueViolationTest {
    @Test
    void theStandardDuplicateKeyStateDeepInTheCauseChainIsAUniqueViolation() {
        var chain = new PersistenceException("commit failed", new RuntimeException(new SQLException("duplicate", "23505")));

        assertTrue(Db.isUniqueViolation(chain));
    }

    @Test
    void onMariaDbOnlyErrorCode1062OfState23000IsAUniqueViolation() {
        assertTrue(Db.isUniqueViolation(new SQLException("Duplicate entry 'ann' for key 'username'", "23000", 1062)));
        assertFalse(Db.isUniqueViolation(new SQLException("Column 'username' cannot be null", "23000", 1048)));
    }

    @Test
    void otherIntegrityViolationsAndOtherErrorsAreNot() {
        assertFalse(Db.isUniqueViolation(new SQLException("null value in column", "23502")));
        assertFalse(Db.isUniqueViolation(new SQLException("foreign key violation", "23503")));
        assertFalse(Db.isUniqueViolation(new IllegalStateException("no SQL involved")));
        assertFalse(Db.isUniqueViolation(null));
    }

    @Test
    void aCauseChainWithACycleEnds() {
        var first = new RuntimeException("first");
        var second = new RuntimeException("second", first);
        first.initCause(second);

        assertFalse(Db.isUniqueViolation(first));
    }
}

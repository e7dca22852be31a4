package io.dbfilter.internal.eclipselink;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.dbfilter.internal.jdbc.SingleUpdate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An arm that no statement took ends with its transaction, however the transaction ends. */
class SingleUpdateCommitEventsTest {
    private final SingleUpdateCommit listener = new SingleUpdateCommit();

    @AfterEach
    void clear() {
        SingleUpdate.disarm();
    }

    @Test
    void aCommitBeforeAnyStatementEndsTheArm() {
        SingleUpdate.arm();

        listener.preCommitTransaction(null);

        assertFalse(SingleUpdate.take());
    }

    @Test
    void aRollbackBeforeAnyStatementEndsTheArm() {
        SingleUpdate.arm();

        listener.preRollbackTransaction(null);

        assertFalse(SingleUpdate.take());
    }
}

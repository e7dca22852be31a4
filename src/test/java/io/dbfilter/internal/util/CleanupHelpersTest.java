package io.dbfilter.internal.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** The three helpers every cleanup path of dbfilter leans on. */
class CleanupHelpersTest {
    @Test
    void theFirstFailureIsThrownWithTheLaterOnesSuppressedAndEveryStepRuns() {
        var first = new IllegalStateException("first");
        var second = new IllegalArgumentException("second");
        var ran = new ArrayList<String>();
        var failures = new Failures();
        failures.run(() -> {
            ran.add("a");
            throw first;
        });
        failures.run(() -> ran.add("b"));
        failures.run(() -> {
            ran.add("c");
            throw second;
        });

        var thrown = assertThrows(IllegalStateException.class, failures::throwIfAny);
        assertSame(first, thrown);
        assertArrayEquals(new Throwable[] {second}, thrown.getSuppressed());
        assertEquals("[a, b, c]", ran.toString());
    }

    @Test
    void failuresDuringAnotherErrorAreAttachedToIt() {
        var primary = new RuntimeException("primary");
        var cleanup = new IllegalStateException("cleanup");
        var failures = new Failures();
        failures.add(cleanup);

        failures.suppressInto(primary);

        assertArrayEquals(new Throwable[] {cleanup}, primary.getSuppressed());
    }

    @Test
    void theCloserClosesNewestFirstAndEveryOneEvenWhenOneFails() {
        var closed = new ArrayList<String>();
        var closer = new Closer();
        closer.add(() -> closed.add("pool"));
        closer.add(() -> {
            closed.add("factory");
            throw new IllegalStateException("factory");
        });
        closer.add(() -> closed.add("listener"));

        var thrown = assertThrows(IllegalStateException.class, closer::close);
        assertEquals("factory", thrown.getMessage());
        assertEquals("[listener, factory, pool]", closed.toString());
    }

    @Test
    void theCauseChainIsSearchedWithoutLoopingOnACycle() {
        var sql = new SQLException("down", "08001");
        var outer = new RuntimeException("outer", new IllegalStateException("middle", sql));
        var cyclic = new RuntimeException("a");
        var back = new RuntimeException("b", cyclic);
        cyclic.initCause(back);

        assertSame(sql, Causes.find(outer, SQLException.class, e -> "08001".equals(e.getSQLState())));
        assertNull(Causes.find(cyclic, SQLException.class, e -> true));
        assertSame(sql, Causes.root(outer));
        assertSame(back, Causes.root(cyclic));
    }
}

package io.dbfilter.internal.util;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a start-up opened, closed in reverse order: the last thing opened depends on the ones
 * before it (a factory on its pool, a pool on its database). Every close runs even when one
 * fails; the first failure is thrown with the others suppressed.
 */
public final class Closer implements AutoCloseable {
    private final Deque<Runnable> opened = new ArrayDeque<>();

    /** Creates an empty closer. */
    public Closer() {
    }

    /**
     * Remembers how to close something that was just opened.
     *
     * @param close closes it; runs at most once
     */
    public void add(Runnable close) {
        opened.push(close);
    }

    /**
     * Closes everything, newest first, for a start-up that failed with {@code failure}: the close
     * failures are attached to it as suppressed.
     *
     * @param failure the exception the start-up is about to throw
     */
    public void closeAfter(Throwable failure) {
        Failures failures = closeAll();
        failures.suppressInto(failure);
    }

    /**
     * Closes everything, newest first.
     *
     * @throws RuntimeException the first failure, with the later ones suppressed
     */
    @Override
    public void close() {
        closeAll().throwIfAny();
    }

    private Failures closeAll() {
        var failures = new Failures();
        while (!opened.isEmpty()) {
            failures.run(opened.pop());
        }
        return failures;
    }
}

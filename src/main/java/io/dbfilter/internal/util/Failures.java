package io.dbfilter.internal.util;

/**
 * Keeps the first failure of a series of steps that must all run (closing, rolling back) and
 * attaches every later one to it as suppressed, so that the error that started the trouble is the
 * one thrown and nothing that happened after it is lost.
 *
 * <pre>{@code
 * Failures failures = new Failures();
 * failures.run(session::rollback);
 * failures.run(session::close);
 * failures.throwIfAny();
 * }</pre>
 *
 * <p>Not thread-safe: one instance belongs to one cleanup on one thread.
 */
public final class Failures {
    private Throwable first;

    /** Creates an empty collector. */
    public Failures() {
    }

    /**
     * Runs {@code step}, keeping what it throws instead of throwing it.
     *
     * @param step the step; its exception or error is kept
     */
    public void run(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | Error e) {
            add(e);
        }
    }

    /**
     * Keeps {@code failure}: as the first one, or suppressed by the first one.
     *
     * @param failure what went wrong; null is ignored
     */
    public void add(Throwable failure) {
        if (failure == null || failure == first) {
            return;
        }
        if (first == null) {
            first = failure;
        } else {
            first.addSuppressed(failure);
        }
    }

    /**
     * Attaches what was kept to {@code primary} as suppressed, for a cleanup that runs while
     * {@code primary} is already being thrown.
     *
     * @param primary the exception on its way to the caller
     */
    public void suppressInto(Throwable primary) {
        if (first != null && first != primary) {
            primary.addSuppressed(first);
        }
    }

    /**
     * Throws the first failure kept, with the others suppressed; does nothing when none was kept.
     *
     * @throws RuntimeException the first unchecked exception kept
     * @throws Error            the first error kept
     */
    public void throwIfAny() {
        if (first instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (first instanceof Error error) {
            throw error;
        }
    }
}

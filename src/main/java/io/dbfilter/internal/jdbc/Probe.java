package io.dbfilter.internal.jdbc;

import java.sql.SQLException;
import java.util.function.LongConsumer;

/**
 * One background thread that checks something about every second until a check passes: what the
 * fail-fast guard and a replica's health run while their database is away, so that requests
 * never wait on the check themselves.
 */
final class Probe implements AutoCloseable {
    private static final long INTERVAL_MS = 1000;

    /** A check that passes, fails, or throws when the database cannot be reached. */
    interface Check {
        boolean passes() throws SQLException;
    }

    private final String name;
    private Thread thread;
    private boolean closed;

    /** @param name the thread's name */
    Probe(String name) {
        this.name = name;
    }

    /**
     * Starts checking, unless closed; {@code passed} gets the whole seconds it took.
     *
     * @param check  what to check each round
     * @param passed what to do once a check passes, on the probe's thread
     */
    synchronized void start(Check check, LongConsumer passed) {
        if (closed) {
            return;
        }
        thread = new Thread(() -> run(check, passed), name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void run(Check check, LongConsumer passed) {
        long since = System.nanoTime();
        while (true) {
            try {
                Thread.sleep(INTERVAL_MS);
                if (check.passes()) {
                    passed.accept((System.nanoTime() - since) / 1_000_000_000);
                    return;
                }
            } catch (SQLException stillDown) {
                // The next round tries again.
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops the running check, if any; later starts do nothing. */
    @Override
    public synchronized void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
        }
    }
}

package io.dbfilter.internal.jdbc;

import java.sql.Connection;

/**
 * A transaction that will send exactly one statement, run in autocommit instead: the statement is
 * as atomic on its own, and the transaction's demarcation costs round trips that a hand-written
 * {@code UPDATE} does not pay (PostgreSQL: the COMMIT; MariaDB: {@code set autocommit} twice and
 * the COMMIT).
 *
 * <p>Whoever knows that a commit will write one statement arms this thread just before EclipseLink
 * begins the transaction; {@link ConnectionSwitch} takes the arm with the next connection it hands
 * out, which is that transaction's, and wraps it so that {@code setAutoCommit(false)},
 * {@code commit()} and {@code rollback()} do nothing. A rollback has nothing to undo: the statement
 * either failed, writing nothing, or was the whole transaction. The wrapper lives as long as that
 * one transaction; the pool gets the connection back in autocommit, as it lent it.
 */
public final class SingleUpdate extends ConnectionHandler {
    /** An entry per thread that is kept (set false, never removed): no entry churn per commit. */
    private static final ThreadLocal<boolean[]> ARMED = ThreadLocal.withInitial(() -> new boolean[1]);

    /** What the caller believes: EclipseLink reads it back after it set it. */
    private boolean autoCommit = true;

    private SingleUpdate(Connection connection) {
        super(connection);
    }

    /** The next connection this thread takes through a {@link ConnectionSwitch} runs its transaction in autocommit. */
    public static void arm() {
        ARMED.get()[0] = true;
    }

    /** Forgets an arm that no connection took. */
    public static void disarm() {
        ARMED.get()[0] = false;
    }

    /**
     * Whether this thread is armed; clears the arm.
     *
     * @return true when the connection about to be handed out must run its transaction in autocommit
     */
    public static boolean take() {
        boolean[] armed = ARMED.get();
        boolean was = armed[0];
        armed[0] = false;
        return was;
    }

    /** {@code connection}, with its transaction's demarcation turned into nothing. */
    static Connection around(Connection connection) {
        return new SingleUpdate(connection).proxy();
    }

    @Override
    Object answer(String method, Object[] args) {
        switch (method) {
            case "setAutoCommit":
                autoCommit = (Boolean) args[0];
                return null;
            case "getAutoCommit":
                return autoCommit;
            case "commit":
                return null;
            case "rollback":
                return args == null ? null : PASS;
            default:
                return PASS;
        }
    }
}

package io.dbfilter.test;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

/**
 * What one scope sees of the test's connection: a connection of its own, as far as it can tell.
 * It begins at a savepoint; {@code commit()} releases the savepoint (later scopes see the rows,
 * the test's end still rolls them back), {@code rollback()} returns to it, and closing it without
 * a commit undoes what it did, as closing a pooled connection does. Autocommit is only pretended:
 * the real connection stays in the test's transaction. Statements that would end that transaction
 * are refused by {@link SqlGuard}.
 */
final class SharedConnection implements InvocationHandler {
    private final Connection physical;
    private final SqlGuard guard;
    private final Runnable released;
    private Savepoint savepoint;
    private boolean autoCommit = true;
    private boolean readOnly;
    private int isolation;
    private boolean closed;

    private SharedConnection(Connection physical, SqlGuard guard, int isolation, Runnable released) throws SQLException {
        this.physical = physical;
        this.guard = guard;
        this.released = released;
        this.isolation = isolation;
        this.savepoint = physical.setSavepoint();
    }

    static Connection open(Connection physical, SqlGuard guard, int isolation, Runnable released) throws SQLException {
        var handler = new SharedConnection(physical, guard, isolation, released);
        return (Connection) Proxy.newProxyInstance(SharedConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        switch (name) {
            case "close", "abort" -> {
                close();
                return null;
            }
            case "isClosed" -> {
                return closed;
            }
            case "equals" -> {
                return proxy == args[0];
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "toString" -> {
                return "the test's shared connection" + (closed ? " (closed)" : "");
            }
            default -> {
                // carry on below
            }
        }
        if (closed) {
            throw new SQLException("dbfilter-test: this connection was closed");
        }
        return switch (name) {
            case "commit" -> {
                commit();
                yield null;
            }
            case "rollback" -> {
                if (args == null) {
                    physical.rollback(savepoint);
                    yield null;
                }
                yield call(method, args);
            }
            case "setAutoCommit" -> {
                boolean on = (Boolean) args[0];
                if (on && !autoCommit) {
                    commit(); // JDBC: switching autocommit on commits the transaction in progress
                }
                autoCommit = on;
                yield null;
            }
            case "getAutoCommit" -> autoCommit;
            // Both may only change before a transaction begins; the test's transaction has begun.
            case "setReadOnly" -> {
                readOnly = (Boolean) args[0];
                yield null;
            }
            case "isReadOnly" -> readOnly;
            case "setTransactionIsolation" -> {
                isolation = (Integer) args[0];
                yield null;
            }
            case "getTransactionIsolation" -> isolation;
            case "createStatement" -> GuardedStatement.wrap((Statement) call(method, args), guard);
            case "prepareStatement", "prepareCall" -> {
                guard.check((String) args[0]);
                yield call(method, args);
            }
            default -> call(method, args);
        };
    }

    private Object call(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(physical, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** What the scope did becomes part of the test's transaction; the scope goes on from a new savepoint. */
    private void commit() throws SQLException {
        physical.releaseSavepoint(savepoint);
        savepoint = physical.setSavepoint();
    }

    private void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (autoCommit) {
                keep();
            } else {
                physical.rollback(savepoint);
                physical.releaseSavepoint(savepoint);
            }
        } finally {
            released.run();
        }
    }

    /**
     * Keeps what an autocommit user did. A statement that failed leaves PostgreSQL's transaction
     * aborted, where only a rollback to the savepoint is accepted; that undoes only the failure.
     */
    private void keep() throws SQLException {
        try {
            physical.releaseSavepoint(savepoint);
        } catch (SQLException aborted) {
            try {
                physical.rollback(savepoint);
                physical.releaseSavepoint(savepoint);
            } catch (SQLException e) {
                e.addSuppressed(aborted);
                throw e;
            }
        }
    }
}

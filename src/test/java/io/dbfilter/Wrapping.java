package io.dbfilter;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/** Dynamic proxies of JDBC objects for tests that need a driver to misbehave at one chosen call. */
final class Wrapping {
    private Wrapping() {
    }

    /** Something a proxy runs before the real call, which may throw. */
    interface Before {
        void run() throws SQLException;
    }

    /** {@code pool} with every connection it hands out passed through {@code wrap}. */
    static DataSource connections(DataSource pool, UnaryOperator<Connection> wrap) {
        return proxy(DataSource.class, pool, (target, method, args) -> {
            Object result = invoke(target, method, args);
            return method.getName().equals("getConnection") ? wrap.apply((Connection) result) : result;
        });
    }

    /** {@code pool} running {@code before} ahead of each {@code getConnection()}. */
    static DataSource beforeGetConnection(DataSource pool, Before before) {
        return proxy(DataSource.class, pool, (target, method, args) -> {
            if (method.getName().equals("getConnection")) {
                before.run();
            }
            return invoke(target, method, args);
        });
    }

    /** {@code connection} running {@code before} ahead of each {@code commit()}. */
    static Connection onCommit(Connection connection, Before before) {
        return proxy(Connection.class, connection, (target, method, args) -> {
            if (method.getName().equals("commit")) {
                before.run();
            }
            return invoke(target, method, args);
        });
    }

    /** What a proxy is told of each call before it is made. */
    interface Call {
        void seen(String method, Object[] args);
    }

    /** {@code connection} telling {@code call} of each of its calls before making it. */
    static Connection observed(Connection connection, Call call) {
        return proxy(Connection.class, connection, (target, method, args) -> {
            call.seen(method.getName(), args);
            return invoke(target, method, args);
        });
    }

    private interface Handler<T> {
        Object handle(T target, java.lang.reflect.Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Handler<T> handler) {
        InvocationHandler invocation = (proxy, method, args) -> handler.handle(target, method, args);
        return type.cast(Proxy.newProxyInstance(Wrapping.class.getClassLoader(), new Class<?>[] {type}, invocation));
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

package io.dbfilter.internal.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;

/**
 * A proxy of a connection that passes every call on to it except the few its subclass answers
 * itself ({@link Pin}'s lent connection, {@link SingleUpdate}'s connection without a transaction).
 */
abstract class ConnectionHandler implements InvocationHandler {
    /** What {@link #answer} returns for a call it leaves to the connection. */
    static final Object PASS = new Object();

    final Connection connection;

    ConnectionHandler(Connection connection) {
        this.connection = connection;
    }

    /** The proxy that this handler answers for. */
    final Connection proxy() {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                this);
    }

    /**
     * This handler's own answer to a call, or {@link #PASS} to make the call on the connection.
     *
     * @param method the method's name
     * @param args   its arguments, null when it has none
     * @return the answer, or {@link #PASS}
     * @throws Exception what the call throws
     */
    abstract Object answer(String method, Object[] args) throws Exception;

    @Override
    public final Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Object own = answer(method.getName(), args);
        if (own != PASS) {
            return own;
        }
        switch (method.getName()) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return getClass().getSimpleName() + " " + connection;
            default:
                try {
                    return method.invoke(connection, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
        }
    }
}

package io.dbfilter.test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Statement;

/** A statement of the test's connection that shows {@link SqlGuard} every SQL text before it runs. */
final class GuardedStatement {
    private GuardedStatement() {
    }

    static Statement wrap(Statement statement, SqlGuard guard) {
        return (Statement) Proxy.newProxyInstance(GuardedStatement.class.getClassLoader(),
                new Class<?>[] {Statement.class}, (proxy, method, args) -> {
                    if (args != null && args.length > 0 && args[0] instanceof String sql
                            && (method.getName().startsWith("execute") || method.getName().equals("addBatch"))) {
                        guard.check(sql);
                    }
                    try {
                        return method.invoke(statement, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}

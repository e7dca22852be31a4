package io.dbfilter.internal.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * {@code db.dataSourceWrapper}: a class of the application that wraps a bind's pool before
 * EclipseLink sees it, so that a tracing or metrics library sees every statement EclipseLink runs
 * (OpenTelemetry's {@code JdbcTelemetry.wrap}, datasource-proxy, P6Spy). It is made once per bind
 * at start-up, so a wrong class name stops the start rather than the first request.
 */
public final class DataSourceWrapper {
    private final Function<DataSource, DataSource> wrapper;
    private final String described;

    private DataSourceWrapper(Function<DataSource, DataSource> wrapper, String described) {
        this.wrapper = wrapper;
        this.described = described;
    }

    /**
     * Creates the application's wrapper.
     *
     * @param className a class implementing {@code Function<DataSource, DataSource>} (or
     *                  {@code UnaryOperator}) with a public constructor without parameters
     * @param loader    where the application's classes are loaded from
     * @param described how messages name the setting, with its source
     * @return the wrapper
     * @throws IllegalArgumentException naming the setting and the fix when the class cannot serve
     */
    public static DataSourceWrapper of(String className, ClassLoader loader, String described) {
        Object made;
        try {
            made = Class.forName(className.strip(), true, loader).getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw refused(described, className, "no such class is on the class path", e);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw refused(described, className, "it has no public constructor without parameters", e);
        } catch (InstantiationException | InvocationTargetException e) {
            throw refused(described, className, "its constructor failed: "
                    + (e.getCause() == null ? e : e.getCause()), e);
        }
        if (!(made instanceof Function<?, ?> function)) {
            throw refused(described, className, "it does not implement java.util.function.Function", null);
        }
        @SuppressWarnings("unchecked")
        var typed = (Function<DataSource, DataSource>) function;
        return new DataSourceWrapper(typed, described);
    }

    /**
     * Wraps a bind's pool.
     *
     * @param pool the bind's HikariCP pool
     * @return what EclipseLink gets its connections from
     * @throws IllegalStateException when the wrapper returns something other than a DataSource
     */
    public DataSource wrap(DataSource pool) {
        Object wrapped = wrapper.apply(pool);
        if (wrapped instanceof DataSource dataSource) {
            return dataSource;
        }
        throw new IllegalStateException("dbfilter: " + described + ": " + wrapper.getClass().getName()
                + ".apply returned " + (wrapped == null ? "null" : "a " + wrapped.getClass().getName())
                + " instead of a javax.sql.DataSource. Return the DataSource it was given, wrapped.");
    }

    private static IllegalArgumentException refused(String described, String className, String why, Exception e) {
        return new IllegalArgumentException("dbfilter: " + described + " names " + className + ", which cannot wrap"
                + " the DataSource: " + why + ". Name a public class with a public constructor without parameters"
                + " that implements java.util.function.UnaryOperator<javax.sql.DataSource>.", e);
    }
}

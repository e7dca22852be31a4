package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * {@code db.dataSourceWrapper}: the application's class wraps each bind's pool before EclipseLink
 * sees it; {@code Database.dataSource()} stays the pool itself; a class that cannot wrap stops the
 * start with a message that names the setting and the fix.
 */
class DataSourceWrapperTest {
    /** Records the pools it was given and hands them back unchanged. */
    public static final class Recording implements UnaryOperator<DataSource> {
        static final List<DataSource> WRAPPED = new CopyOnWriteArrayList<>();

        @Override
        public DataSource apply(DataSource pool) {
            WRAPPED.add(pool);
            return pool;
        }
    }

    /** Not a function at all. */
    public static final class NotAFunction {
    }

    /** Returns null, as a half-written wrapper might. */
    public static final class ReturnsNull implements UnaryOperator<DataSource> {
        @Override
        public DataSource apply(DataSource pool) {
            return null;
        }
    }

    @Test
    void everyBindsPoolIsWrappedOnceAndDataSourceStaysThePool() {
        Recording.WRAPPED.clear();
        try (Database database = Database.create(BindsTest.settings("db.dataSourceWrapper",
                Recording.class.getName()))) {
            assertEquals(List.of(database.dataSource(), database.dataSource("analytics")), Recording.WRAPPED);
            assertInstanceOf(HikariDataSource.class, database.dataSource());
        }
    }

    @Test
    void aBindsOwnWrapperWinsOverTheDefaultBinds() {
        Recording.WRAPPED.clear();
        try (Database database = Database.create(BindsTest.settings("db.dataSourceWrapper",
                ReturnsNull.class.getName(), "db.bind.analytics.dataSourceWrapper", Recording.class.getName()))) {
            throw new AssertionError("the default bind's wrapper returns null and must stop the start");
        } catch (IllegalStateException e) {
            assertEquals("dbfilter: db.dataSourceWrapper (Database.create setting): " + ReturnsNull.class.getName()
                    + ".apply returned null instead of a javax.sql.DataSource. Return the DataSource it was given,"
                    + " wrapped.", e.getMessage());
        }
        try (Database database = Database.create(BindsTest.settings(
                "db.bind.analytics.dataSourceWrapper", Recording.class.getName()))) {
            assertEquals(List.of(database.dataSource("analytics")), Recording.WRAPPED);
        }
    }

    @Test
    void aClassThatIsNotAFunctionStopsTheStartNamingTheSettingAndTheFix() {
        var e = assertThrows(IllegalArgumentException.class, () -> Database.create(TestDatabases.settings(
                "db.dataSourceWrapper", NotAFunction.class.getName())));
        assertEquals("dbfilter: db.dataSourceWrapper (Database.create setting) names " + NotAFunction.class.getName()
                + ", which cannot wrap the DataSource: it does not implement java.util.function.Function. Name a public"
                + " class with a public constructor without parameters that implements"
                + " java.util.function.UnaryOperator<javax.sql.DataSource>.", e.getMessage());
    }

    @Test
    void anUnknownClassStopsTheStartBeforeThePoolStarts() {
        var e = assertThrows(IllegalArgumentException.class, () -> Database.create(TestDatabases.settings(
                "db.dataSourceWrapper", "com.example.Tracing")));
        assertTrue(e.getMessage().startsWith("dbfilter: db.dataSourceWrapper (Database.create setting) names"
                + " com.example.Tracing, which cannot wrap the DataSource: no such class is on the class path."),
                e.getMessage());
    }
}

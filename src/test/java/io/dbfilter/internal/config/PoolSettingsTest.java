package io.dbfilter.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The db.pool.* settings turned into HikariCP's configuration, with messages that name the setting. */
class PoolSettingsTest {
    private static final String URL = "jdbc:derby:memory:pool";
    private static final String DRIVER = "org.apache.derby.iapi.jdbc.AutoloadedDriver";

    private static HikariConfig config(Map<String, String> given) {
        var settings = Settings.resolve(given, "init-param of filter 'db'", Map.of(), new Properties(), Map.of());
        return PoolSettings.config(settings, URL, DRIVER, "pool-test");
    }

    private static String failure(Map<String, String> given) {
        return assertThrows(IllegalArgumentException.class, () -> config(given)).getMessage();
    }

    @Test
    void theDbKeysAndEveryPoolSettingOfEachTypeReachHikari() {
        HikariConfig config = config(Map.of("db.user", "app", "db.password", "secret", "db.pool.maximumPoolSize", "7",
                "db.pool.connectionTimeout", "4000", "db.pool.autoCommit", "FALSE", "db.pool.connectionTestQuery",
                "values 1", "db.pool.dataSource.cachePrepStmts", "true"));

        assertEquals(URL, config.getJdbcUrl());
        assertEquals(DRIVER, config.getDriverClassName());
        assertEquals("app", config.getUsername());
        assertEquals("secret", config.getPassword());
        assertEquals("pool-test", config.getPoolName());
        assertEquals(7, config.getMaximumPoolSize());
        assertEquals(4000L, config.getConnectionTimeout());
        assertFalse(config.isAutoCommit());
        assertEquals("values 1", config.getConnectionTestQuery());
        assertEquals("true", config.getDataSourceProperties().getProperty("cachePrepStmts"));
    }

    @Test
    void aNumberThatIsNotOneNamesTheSettingAndItsUnit() {
        assertEquals("dbfilter: db.pool.maximumPoolSize (init-param of filter 'db') must be a whole number, not 'ten'.",
                failure(Map.of("db.pool.maximumPoolSize", "ten")));
        assertEquals("dbfilter: db.pool.connectionTimeout (init-param of filter 'db') must be a whole number of"
                + " milliseconds, not '4s'.", failure(Map.of("db.pool.connectionTimeout", "4s")));
    }

    @Test
    void aBooleanPropertyTakesOnlyTrueOrFalse() {
        assertEquals("dbfilter: db.pool.autoCommit (init-param of filter 'db') must be true or false, not 'yes'.",
                failure(Map.of("db.pool.autoCommit", "yes")));
        assertTrue(config(Map.of("db.pool.autoCommit", "True")).isAutoCommit());
    }

    @Test
    void aValueHikariRefusesNamesTheSettingAndHikarisReason() {
        String message = failure(Map.of("db.pool.maximumPoolSize", "0"));

        assertTrue(message.startsWith("dbfilter: db.pool.maximumPoolSize (init-param of filter 'db')='0' was refused by"
                + " HikariCP: "), message);
    }

    @Test
    void inconsistentSettingsAreReportedWithHikarisReason() {
        String message = failure(Map.of("db.pool.poolName", "app:main", "db.pool.registerMbeans", "true"));

        assertEquals("dbfilter: the db.pool.* settings are inconsistent: poolName cannot contain ':' when used with JMX."
                + " See HikariCP's documentation of that property.", message);
    }

    @Test
    void theKeysThatDbOwnsAreNotPoolProperties() {
        assertFalse(PoolSettings.propertyNames().contains("jdbcUrl"));
        assertFalse(PoolSettings.propertyNames().contains("username"));
        assertFalse(PoolSettings.propertyNames().contains("password"));
        assertEquals("dbfilter: db.pool.username (x) is not allowed: set db.user instead.", assertThrows(
                IllegalArgumentException.class, () -> PoolSettings.checkName("username", "db.pool.username (x)",
                        "db.")).getMessage());
    }

    @Test
    void onlyPropertiesWithATextNumberOrBooleanValueCanBeSet() {
        assertTrue(PoolSettings.propertyNames().contains("maximumPoolSize"));
        assertFalse(PoolSettings.propertyNames().contains("dataSource"), "a DataSource is not a text value");
        assertFalse(PoolSettings.propertyNames().contains("metricRegistry"));
    }

    @Test
    void propertyNamesAreMatchedWithoutRegardToCase() {
        PoolSettings.checkName("MAXIMUMPOOLSIZE", "db.pool.MAXIMUMPOOLSIZE", "db.");
        assertEquals(7, config(Map.of("db.pool.MaximumPoolSize", "7")).getMaximumPoolSize());
    }

    @Test
    void aDriverPropertyNeedsAName() {
        PoolSettings.checkName("dataSource.ssl", "db.pool.dataSource.ssl", "db.");

        String message = assertThrows(IllegalArgumentException.class,
                () -> PoolSettings.checkName("dataSource.", "db.pool.dataSource.", "db.")).getMessage();

        assertTrue(message.startsWith("dbfilter: db.pool.dataSource. is not a HikariCP property."), message);
    }

    @Test
    void anUnknownPropertyOfABindSuggestsThatBindsKey() {
        String message = assertThrows(IllegalArgumentException.class, () -> PoolSettings.checkName("maxPoolSize",
                "db.bind.audit.pool.maxPoolSize", "db.bind.audit.")).getMessage();

        assertEquals("dbfilter: db.bind.audit.pool.maxPoolSize is not a HikariCP property. Did you mean"
                + " db.bind.audit.pool.maximumPoolSize? Valid db.pool.* names are HikariCP's configuration properties"
                + " (maximumPoolSize, minimumIdle, connectionTimeout, ...) and dataSource.<driver property>.", message);
    }
}

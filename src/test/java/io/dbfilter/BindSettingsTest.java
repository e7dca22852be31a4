package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.internal.config.Key;
import io.dbfilter.internal.config.Settings;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The keys of binds: {@code db.binds} and {@code db.bind.<name>.*}. */
class BindSettingsTest {
    private static Settings resolve(Map<String, String> given) {
        return resolve(given, Map.of());
    }

    private static Settings resolve(Map<String, String> given, Map<String, String> env) {
        return Settings.resolve(given, "init-param of filter 'db'", Map.of(), new Properties(), env);
    }

    private static String error(Map<String, String> given) {
        return assertThrows(IllegalArgumentException.class, () -> resolve(given)).getMessage();
    }

    @Test
    void aBindReadsItsKeysUnderItsPrefixAndNamesThemInMessages() {
        Settings settings = resolve(Map.of("db.binds", "users, analytics", "db.url", "jdbc:derby:memory:main",
                "db.bind.analytics.url", "jdbc:derby:memory:analytics", "db.bind.analytics.pool.maximumPoolSize", "3"));
        Settings analytics = settings.bind("analytics");

        assertEquals(List.of("users", "analytics"), settings.binds());
        assertEquals("jdbc:derby:memory:analytics", analytics.get(Key.URL));
        assertEquals(Map.of("maximumPoolSize", "3"), analytics.pool());
        assertEquals(Map.of(), settings.pool());
        assertEquals("db.bind.analytics.url (init-param of filter 'db')", analytics.describe(Key.URL));
        assertEquals("analytics", analytics.bindName());
        assertNull(settings.bindName());
        assertNull(settings.bind("users").get(Key.URL));
    }

    @Test
    void aBindsKeysComeFromEnvironmentVariablesToo() {
        Settings settings = resolve(Map.of("db.binds", "analytics"), Map.of("DB_BIND_ANALYTICS_URL",
                "jdbc:derby:memory:env", "DB_BIND_ANALYTICS_POOL_MAXIMUMPOOLSIZE", "4"));

        assertEquals("jdbc:derby:memory:env", settings.bind("analytics").get(Key.URL));
        assertEquals(Map.of("maximumPoolSize", "4"), settings.bind("analytics").pool());
        assertEquals("db.bind.analytics.url (environment variable DB_BIND_ANALYTICS_URL)",
                settings.bind("analytics").describe(Key.URL));
    }

    @Test
    void theBindsThemselvesCanComeFromAnEnvironmentVariable() {
        Settings settings = resolve(Map.of(), Map.of("DB_BINDS", "analytics", "DB_BIND_ANALYTICS_USER", "app"));

        assertEquals("app", settings.bind("analytics").get(Key.USER));
    }

    @Test
    void aBindsEclipseLinkKeysPassThroughToItsUnitOnly() {
        Settings settings = resolve(Map.of("db.binds", "analytics", "eclipselink.logging.level", "FINE",
                "db.bind.analytics.eclipselink.cache.shared.default", "true"));

        assertEquals(Map.of("eclipselink.logging.level", "FINE"), settings.passthrough());
        assertEquals(Map.of("eclipselink.cache.shared.default", "true"), settings.bind("analytics").passthrough());
    }

    @Test
    void aBindsCreateAllAndEchoFollowTheDefaultBindsUnlessSet() {
        Settings settings = resolve(Map.of("db.binds", "users, analytics", "db.createAll", "false", "db.echo", "true",
                "db.bind.analytics.createAll", "true"));

        assertFalse(settings.bind("users").flag(Key.CREATE_ALL));
        assertTrue(settings.bind("users").flag(Key.ECHO));
        assertTrue(settings.bind("analytics").flag(Key.CREATE_ALL));
    }

    @Test
    void unknownKeyOfABindSuggestsTheNearestBindKey() {
        String message = error(Map.of("db.binds", "analytics", "db.bind.analytics.ulr", "x"));

        assertTrue(message.startsWith("dbfilter: unknown setting db.bind.analytics.ulr (init-param of filter 'db')."
                + " Did you mean db.bind.analytics.url?"), message);
    }

    @Test
    void keyOfABindThatDbBindsDoesNotNameIsAnError() {
        String message = error(Map.of("db.binds", "analytics", "db.bind.analytcs.url", "x"));

        assertEquals("dbfilter: unknown setting db.bind.analytcs.url (init-param of filter 'db'): it configures the"
                + " bind 'analytcs', which db.binds does not name (it names analytics). Did you mean analytics? Add"
                + " the bind to db.binds, or fix the key.", message);
    }

    @Test
    void keyOfABindWithoutDbBindsIsAnError() {
        String message = error(Map.of("db.bind.analytics.url", "x"));

        assertTrue(message.contains("which db.binds does not name (it is not set)"), message);
    }

    @Test
    void unknownPoolPropertyOfABindSuggestsTheBindsKey() {
        String message = error(Map.of("db.binds", "analytics", "db.bind.analytics.pool.maxPoolSize", "3"));

        assertTrue(message.startsWith("dbfilter: db.bind.analytics.pool.maxPoolSize (init-param of filter 'db') is"
                + " not a HikariCP property. Did you mean db.bind.analytics.pool.maximumPoolSize?"), message);
    }

    @Test
    void poolPropertyOfABindThatItsKeysOwnPointsToTheBindsKey() {
        String message = error(Map.of("db.binds", "analytics", "db.bind.analytics.pool.jdbcUrl", "x"));

        assertEquals("dbfilter: db.bind.analytics.pool.jdbcUrl (init-param of filter 'db') is not allowed: set"
                + " db.bind.analytics.url instead.", message);
    }

    @Test
    void aBindsFlagsAcceptOnlyTrueOrFalse() {
        String message = error(Map.of("db.binds", "analytics", "db.bind.analytics.createAll", "no"));

        assertEquals("dbfilter: db.bind.analytics.createAll (init-param of filter 'db') must be true or false, not"
                + " 'no'.", message);
    }

    @Test
    void bindNamesAreLettersDigitsAndUnderscores() {
        String message = error(Map.of("db.binds", "my-db"));

        assertEquals("dbfilter: db.binds (init-param of filter 'db') names the bind 'my-db', which is not a valid"
                + " bind name: use letters, digits and _, starting with a letter.", message);
    }

    @Test
    void aBindNamedTwiceIsAnError() {
        String message = error(Map.of("db.binds", "analytics,analytics"));

        assertTrue(message.endsWith("names the bind 'analytics' twice. Name each bind once."), message);
    }
}

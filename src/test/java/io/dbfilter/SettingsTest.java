package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.internal.config.Key;
import io.dbfilter.internal.config.Settings;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SettingsTest {
    private static Settings resolve(Map<String, String> given, Map<String, String> context, Properties system,
            Map<String, String> env) {
        return Settings.resolve(given, "init-param of filter 'db'", context, system, env);
    }

    private static Properties properties(String... pairs) {
        var properties = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            properties.setProperty(pairs[i], pairs[i + 1]);
        }
        return properties;
    }

    @Test
    void systemPropertyBeatsEnvironmentBeatsInitParamBeatsContextParam() {
        var context = Map.of("db.url", "jdbc:derby:memory:context", "db.user", "context", "db.password", "context",
                "db.echo", "false");
        var given = Map.of("db.url", "jdbc:derby:memory:init", "db.user", "init", "db.password", "init");
        var env = Map.of("DB_URL", "jdbc:derby:memory:env", "DB_USER", "env");
        var system = properties("db.url", "jdbc:derby:memory:system");

        Settings settings = resolve(given, context, system, env);

        assertEquals("jdbc:derby:memory:system", settings.get(Key.URL));
        assertEquals("env", settings.get(Key.USER));
        assertEquals("init", settings.get(Key.PASSWORD));
        assertEquals(false, settings.flag(Key.ECHO));
        assertEquals("db.url (system property)", settings.describe(Key.URL));
        assertEquals("db.user (environment variable DB_USER)", settings.describe(Key.USER));
        assertEquals("db.password (init-param of filter 'db')", settings.describe(Key.PASSWORD));
    }

    @Test
    void poolPropertiesAreReadFromUpperCaseEnvironmentVariables() {
        Settings settings = resolve(Map.of("db.pool.maximumPoolSize", "5"), Map.of(), properties(),
                Map.of("DB_POOL_MAXIMUMPOOLSIZE", "7"));

        assertEquals(Map.of("maximumPoolSize", "7"), settings.pool());
    }

    @Test
    void unknownKeyIsAnErrorThatSuggestsTheNearestKey() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> resolve(Map.of("db.uri", "jdbc:derby:memory:x"), Map.of(), properties(), Map.of()));

        assertTrue(error.getMessage().startsWith(
                "dbfilter: unknown setting db.uri (init-param of filter 'db'). Did you mean db.url?"), error.getMessage());
    }

    @Test
    void unknownKeyFromASystemPropertyIsAnErrorToo() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> resolve(Map.of(), Map.of(), properties("db.creatAll", "false"), Map.of()));

        assertTrue(error.getMessage().contains("db.creatAll (system property). Did you mean db.createAll?"),
                error.getMessage());
    }

    @Test
    void unknownPoolPropertyIsAnErrorThatSuggestsTheHikariName() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> resolve(Map.of("db.pool.maxPoolSize", "5"), Map.of(), properties(), Map.of()));

        assertTrue(error.getMessage().startsWith("dbfilter: db.pool.maxPoolSize (init-param of filter 'db') is not a"
                + " HikariCP property. Did you mean db.pool.maximumPoolSize?"), error.getMessage());
    }

    @Test
    void poolPropertiesThatDbKeysOwnPointToThoseKeys() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> resolve(Map.of("db.pool.jdbcUrl", "jdbc:derby:memory:x"), Map.of(), properties(), Map.of()));

        assertEquals("dbfilter: db.pool.jdbcUrl (init-param of filter 'db') is not allowed: set db.url instead.",
                error.getMessage());
    }

    @Test
    void flagsAcceptOnlyTrueOrFalse() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> resolve(Map.of("db.echo", "yes"), Map.of(), properties(), Map.of()));

        assertEquals("dbfilter: db.echo (init-param of filter 'db') must be true or false, not 'yes'.",
                error.getMessage());
        assertTrue(resolve(Map.of("db.echo", "TRUE"), Map.of(), properties(), Map.of()).flag(Key.ECHO));
    }

    @Test
    void eclipseLinkAndJakartaPersistenceKeysPassThrough() {
        Settings settings = resolve(Map.of("eclipselink.cache.shared.default", "true",
                "jakarta.persistence.lock.timeout", "100", "other.key", "ignored"), Map.of(), properties(), Map.of());

        assertEquals(Map.of("eclipselink.cache.shared.default", "true", "jakarta.persistence.lock.timeout", "100"),
                settings.passthrough());
    }

    @Test
    void listsAreCommaSeparatedWithBlanksDropped() {
        Settings settings = resolve(Map.of("db.packages", " a.b , ,c.d "), Map.of(), properties(), Map.of());

        assertEquals(List.of("a.b", "c.d"), settings.list(Key.PACKAGES));
    }

    @Test
    void serverTimingWithoutRecordedQueriesSaysWhichKeyToSet() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> resolve(Map.of("db.serverTiming", "true"), Map.of(), properties(), Map.of()));

        assertEquals("dbfilter: db.serverTiming (init-param of filter 'db') needs the recorded statements: set"
                + " db.recordQueries=true as well, or remove db.serverTiming.", error.getMessage());
    }

    @Test
    void warnQueriesWithoutRecordedQueriesSaysWhichKeyToSet() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> resolve(Map.of("db.warnQueries", "10"), Map.of(), properties(), Map.of()));

        assertTrue(error.getMessage().contains("set db.recordQueries=true as well"), error.getMessage());
    }

    @Test
    void warnQueriesMustBeAPositiveWholeNumber() {
        for (String wrong : List.of("ten", "0", "-3", "2.5")) {
            var error = assertThrows(IllegalArgumentException.class, () -> resolve(
                    Map.of("db.recordQueries", "true", "db.warnQueries", wrong), Map.of(), properties(), Map.of()));

            assertEquals("dbfilter: db.warnQueries (init-param of filter 'db') must be a whole number of at least 1,"
                    + " not '" + wrong + "'. Leave it unset to turn it off.", error.getMessage());
        }
    }

    @Test
    void recordQueriesAndTrackModificationsMustBeTrueOrFalse() {
        for (String key : List.of("db.recordQueries", "db.serverTiming", "db.trackModifications")) {
            var error = assertThrows(IllegalArgumentException.class,
                    () -> resolve(Map.of(key, "yes"), Map.of(), properties(), Map.of()));

            assertTrue(error.getMessage().startsWith("dbfilter: " + key + " (init-param of filter 'db') must be true"
                    + " or false"), error.getMessage());
        }
    }

    @Test
    void observabilityKeysAreKnownAndReadFromTheEnvironment() {
        Settings settings = resolve(Map.of("db.recordQueries", "true"), Map.of(), properties(),
                Map.of("DB_WARNQUERIES", "7", "DB_TRACKMODIFICATIONS", "true", "DB_SERVERTIMING", "true"));

        assertEquals(7, settings.count(Key.WARN_QUERIES));
        assertTrue(settings.flag(Key.TRACK_MODIFICATIONS));
        assertTrue(settings.flag(Key.SERVER_TIMING));
    }

    @Test
    void toStringShowsTheSettingsButNoPassword() {
        Settings settings = resolve(Map.of("db.url", "jdbc:derby:memory:shown", "db.password", "s3cret", "db.binds",
                "other", "db.bind.other.url", "jdbc:derby:memory:other", "db.bind.other.password", "hidden2"),
                Map.of(), properties(), Map.of());

        String text = settings.toString();
        assertTrue(text.contains("db.url=jdbc:derby:memory:shown"), text);
        assertTrue(text.contains("db.password=****") && text.contains("db.bind.other.password=****"), text);
        assertTrue(!text.contains("s3cret") && !text.contains("hidden2"), text);
    }

    @Test
    void everyRegisteredKeyIsReadFromItsEnvironmentVariable() {
        for (Key key : Key.values()) {
            String value = key.type() == Key.Type.FLAG ? "true" : key.type() == Key.Type.COUNT ? "3" : "x";
            var env = new java.util.HashMap<String, String>(Map.of(Key.envName(key.key()), value));
            if (key.requires() != null) {
                env.put(Key.envName(key.requires().key()), "true");
            }
            Settings settings = resolve(Map.of(), Map.of(), properties(), env);

            assertEquals("environment variable " + Key.envName(key.key()),
                    settings.describe(key).replaceAll(".*\\((.*)\\)", "$1"), key.key());
        }
    }

    @Test
    void aKeyOfOursInTheWrongCaseOrWithUnderscoresIsAnError() {
        var system = assertThrows(IllegalArgumentException.class,
                () -> resolve(Map.of(), Map.of(), properties("DB.url", "jdbc:derby:memory:x"), Map.of()));
        var given = assertThrows(IllegalArgumentException.class,
                () -> resolve(Map.of("db_url", "jdbc:derby:memory:x"), Map.of(), properties(), Map.of()));

        assertEquals("dbfilter: the setting DB.url (system property) is not read: keys are written in lower case"
                + " with dots. Did you mean db.url?", system.getMessage());
        assertTrue(given.getMessage().contains("db_url (init-param of filter 'db')") && given.getMessage()
                .endsWith("Did you mean db.url?"), given.getMessage());
    }

    @Test
    void anEnvironmentVariableOfOursInLowerCaseIsAnError() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> resolve(Map.of(), Map.of(), properties(), Map.of("db_url", "jdbc:derby:memory:x")));

        assertTrue(error.getMessage().endsWith("Did you mean DB_URL?"), error.getMessage());
    }

    @Test
    void anEnvironmentVariableThatNamesNoKeyIsOneWarningWithASuggestion() {
        String log = SchemaTest.captureOutput(
                () -> resolve(Map.of(), Map.of(), properties(), Map.of("DB_URI", "jdbc:derby:memory:x")));

        assertEquals(1, log.lines().filter(line -> line.contains("the environment variable DB_URI names no dbfilter"
                + " setting and is ignored. Did you mean DB_URL?")).count(), log);
    }

    @Test
    void anEclipseLinkKeyThatEclipseLinkDoesNotDefineIsAWarningAndAKnownOneIsNot() {
        String log = SchemaTest.captureOutput(() -> resolve(Map.of("eclipselink.loggin.level", "FINE",
                "eclipselink.logging.level.sql", "FINE", "eclipselink.jdbc.batch-writing", "JDBC",
                "eclipselink.descriptor.customizer.User", "app.UserCustomizer"), Map.of(),
                properties(), Map.of()));

        assertTrue(log.contains("eclipselink.loggin.level is not a property that EclipseLink defines"), log);
        assertTrue(log.contains("Did you mean eclipselink.logging.level?"), log);
        assertEquals(1, log.lines().filter(line -> line.contains("not a property that EclipseLink defines")).count(),
                log);
    }
}

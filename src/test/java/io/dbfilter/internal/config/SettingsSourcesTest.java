package io.dbfilter.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * What SettingsTest and BindSettingsTest leave out: the context-param as a source of its own, what a
 * bind inherits and what counts as given, the key names messages use, and which values toString hides.
 */
class SettingsSourcesTest {
    private static Settings resolve(Map<String, String> given) {
        return resolve(given, Map.of());
    }

    private static Settings resolve(Map<String, String> given, Map<String, String> context) {
        return Settings.resolve(given, "init-param of filter 'db'", context, new Properties(), Map.of());
    }

    private static String error(Map<String, String> given) {
        return assertThrows(IllegalArgumentException.class, () -> resolve(given)).getMessage();
    }

    @Test
    void aContextParamAloneSetsItsKey() {
        Settings settings = resolve(Map.of(), Map.of("db.url", "jdbc:derby:memory:context"));

        assertEquals("jdbc:derby:memory:context", settings.get(Key.URL));
        assertEquals("db.url (context-param)", settings.describe(Key.URL));
    }

    @Test
    void aMisspeltContextParamIsAnError() {
        var error = assertThrows(IllegalArgumentException.class, () -> resolve(Map.of(), Map.of("DB.URL", "x")));

        assertEquals("dbfilter: the setting DB.URL (context-param) is not read: keys are written in lower case with"
                + " dots. Did you mean db.url?", error.getMessage());
    }

    @Test
    void aPoolKeyOfOursWrittenWithUnderscoresIsAnError() {
        String message = error(Map.of("DB_POOL_MAXIMUMPOOLSIZE", "3"));

        assertEquals("dbfilter: the setting DB_POOL_MAXIMUMPOOLSIZE (init-param of filter 'db') is not read: keys are"
                + " written in lower case with dots. Did you mean db.pool.maximumpoolsize?", message);
    }

    @Test
    void anEmptyValueCountsAsUnsetAndAFlagThenHasItsDefault() {
        Settings settings = resolve(Map.of("db.url", " ", "db.createAll", ""));

        assertEquals(null, settings.get(Key.URL));
        assertTrue(settings.flag(Key.CREATE_ALL));
        assertFalse(settings.isGiven(Key.CREATE_ALL));
    }

    @Test
    void aBindsFlagIsGivenWhenTheDefaultBindGivesItButItsTextIsNot() {
        Settings settings = resolve(Map.of("db.binds", "audit", "db.url", "jdbc:derby:memory:main", "db.echo", "true"));
        Settings audit = settings.bind("audit");

        assertTrue(settings.isGiven(Key.ECHO));
        assertTrue(audit.isGiven(Key.ECHO));
        assertFalse(audit.isGiven(Key.CREATE_ALL));
        assertTrue(settings.isGiven(Key.URL));
        assertFalse(audit.isGiven(Key.URL));
    }

    @Test
    void aBindInheritsTheSettingItDoesNotSetFromTheDefaultBind() {
        Settings settings = resolve(Map.of("db.binds", "audit,metrics", "db.dataSourceWrapper", "a.Wrapper",
                "db.bind.metrics.dataSourceWrapper", "b.Wrapper"));

        assertSame(settings, settings.inheriting(Key.DATA_SOURCE_WRAPPER));
        assertSame(settings, settings.bind("audit").inheriting(Key.DATA_SOURCE_WRAPPER));
        Settings metrics = settings.bind("metrics");
        assertEquals("b.Wrapper", metrics.inheriting(Key.DATA_SOURCE_WRAPPER).get(Key.DATA_SOURCE_WRAPPER));
        assertEquals("metrics", metrics.inheriting(Key.DATA_SOURCE_WRAPPER).bindName());
    }

    @Test
    void theDefaultBindWithoutAValueInheritsNothing() {
        Settings settings = resolve(Map.of());

        assertSame(settings, settings.inheriting(Key.DATA_SOURCE_WRAPPER));
    }

    @Test
    void aPoolPropertysKeyIsNamedUnderItsBind() {
        Settings settings = resolve(Map.of("db.binds", "audit"));

        assertEquals("db.pool.maximumPoolSize", settings.poolKey("maximumPoolSize"));
        assertEquals("db.bind.audit.pool.maximumPoolSize", settings.bind("audit").poolKey("maximumPoolSize"));
        assertEquals("db.bind.audit.url", settings.bind("audit").name(Key.URL));
        assertEquals("db.binds", settings.bind("audit").name(Key.BINDS));
    }

    @Test
    void aCountUnsetIsItsDefaultOrZeroAndBelowOneIsAnErrorNamingTheDefault() {
        Settings settings = resolve(Map.of());

        assertEquals(2000, settings.count(Key.RECORD_LIMIT));
        assertEquals(0, settings.count(Key.WARN_QUERIES));
        assertEquals(1, resolve(Map.of("db.recordLimit", "1")).count(Key.RECORD_LIMIT));
        assertEquals("dbfilter: db.recordLimit (init-param of filter 'db') must be a whole number of at least 1, not"
                + " '0'. Leave it unset for the default, 2000.", error(Map.of("db.recordLimit", "0")));
    }

    @Test
    void aMisspeltPoolKeySuggestsThePoolProperty() {
        assertTrue(error(Map.of("db.pol.maximumPoolSize", "3")).contains("Did you mean db.pool.maximumPoolSize?"));
    }

    @Test
    void aMisspeltPoolKeyOfABindSuggestsThatBindsPoolProperty() {
        String message = error(Map.of("db.binds", "audit", "db.bind.audit.pol.maximumPoolSize", "3"));

        assertTrue(message.contains("Did you mean db.bind.audit.pool.maximumPoolSize?"), message);
    }

    @Test
    void aBindKeyWithAnEmptyBindNameNamesTheEmptyBind() {
        String message = error(Map.of("db.binds", "audit", "db.bind..url", "x"));

        assertTrue(message.startsWith("dbfilter: unknown setting db.bind..url (init-param of filter 'db'): it configures"
                + " the bind '', which db.binds does not name (it names audit)."), message);
    }

    @Test
    void aBindKeyWithoutAKeyIsUnknown() {
        String message = error(Map.of("db.binds", "audit", "db.bind.audit", "x"));

        assertTrue(message.startsWith("dbfilter: unknown setting db.bind.audit (init-param of filter 'db')."), message);
    }

    @Test
    void toStringHidesPasswordsOfBindsAndDriversAndShowsTheRest() {
        String text = resolve(Map.of("db.binds", "audit", "db.bind.audit.password", "secret1",
                "db.pool.dataSource.password", "secret2", "db.pool.maximumPoolSize", "3", "db.bind.audit.url",
                "jdbc:derby:memory:audit")).toString();

        assertTrue(text.contains("db.bind.audit.password=****"), text);
        assertTrue(text.contains("db.pool.dataSource.password=****"), text);
        assertTrue(text.contains("db.pool.maximumPoolSize=3"), text);
        assertTrue(text.contains("db.bind.audit.url=jdbc:derby:memory:audit"), text);
        assertTrue(text.startsWith("Settings{"), text);
    }
}

package io.dbfilter.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.Db;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where a test class's settings come from, in the application's order, and what a mistake says. */
class SettingsFromTheApplicationTest {

    @DbTest(webApp = "classpath:webapp")
    static class FromWebXml {
    }

    @DbTest(webApp = "classpath:webapp")
    @DbSettings({"db.entities=io.dbfilter.test.Other", "db.url=jdbc:derby:memory:given;create=true"})
    static class Overridden {
    }

    @DbSettings("db.entities io.dbfilter.test.notes.Note")
    static class Misspelt {
    }

    @DbSettings({"db.entities=io.dbfilter.test.notes.Note", "db.createAll=false"})
    static class Migrating {
    }

    @Test
    void dbCreateAllFalseLeavesTheTablesToTheApplicationAndASystemPropertyWins() throws Exception {
        try (ClassDatabase migrating = ClassDatabase.start(Migrating.class)) {
            assertThrows(RuntimeException.class, () -> {
                try (var scope = migrating.database.open()) {
                    Db.session().createQuery("select count(n) from Note n", Long.class).getSingleResult();
                }
            }, "the tables were created although db.createAll=false");
        }
        System.setProperty("db.createAll", "true");
        try (ClassDatabase overridden = ClassDatabase.start(Migrating.class);
                var scope = overridden.database.open()) {
            assertEquals(0L, Db.session().createQuery("select count(n) from Note n", Long.class)
                    .getSingleResult());
        } finally {
            System.clearProperty("db.createAll");
        }
    }

    @Test
    void webXmlGivesTheDbFiltersInitParamsAndTheContextParams() {
        Map<String, String> settings = TestSettings.of(FromWebXml.class, WebApp.of("classpath:webapp", FromWebXml.class));

        assertEquals("io.dbfilter.test.notes.Note", settings.get("db.entities"));
        assertEquals("false", settings.get("db.echo"));
    }

    @Test
    void withoutAUrlAClassGetsAnInMemoryDerbyDatabaseOfItsOwn() {
        String first = TestSettings.of(FromWebXml.class, null).get("db.url");
        String second = TestSettings.of(FromWebXml.class, null).get("db.url");

        assertTrue(first.startsWith("jdbc:derby:memory:dbfilter-test-FromWebXml-"), first);
        assertTrue(!first.equals(second), "two classes shared " + first);
    }

    @Test
    void dbSettingsWinOverWebXml() {
        Map<String, String> settings = TestSettings.of(Overridden.class, WebApp.of("classpath:webapp", Overridden.class));

        assertEquals("io.dbfilter.test.Other", settings.get("db.entities"));
        assertEquals("jdbc:derby:memory:given;create=true", settings.get("db.url"));
    }

    @Test
    void aSettingWithoutAnEqualsSignIsRefusedWithTheFormToUse() {
        var refused = assertThrows(IllegalArgumentException.class, () -> TestSettings.of(Misspelt.class, null));

        assertTrue(refused.getMessage().contains("\"db.entities io.dbfilter.test.notes.Note\""), refused.getMessage());
        assertTrue(refused.getMessage().contains("key=value"), refused.getMessage());
    }

    @Test
    void aWebAppThatIsNotThereNamesWhereItWasLookedFor() {
        var onDisk = assertThrows(IllegalArgumentException.class, () -> WebApp.of("src/main/nowhere", FromWebXml.class));
        var onClassPath = assertThrows(IllegalArgumentException.class, () -> WebApp.of("classpath:nowhere", FromWebXml.class));

        assertTrue(onDisk.getMessage().contains("nowhere/WEB-INF/web.xml"), onDisk.getMessage());
        assertTrue(onClassPath.getMessage().contains("the class path has no nowhere/WEB-INF/web.xml"), onClassPath.getMessage());
    }
}

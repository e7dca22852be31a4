package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Mistakes in the binds' configuration stop start-up with one message, and leave no pool running. */
class BindStartupErrorsTest {
    @Test
    void entityListedByTwoBindsNamesBoth() {
        String message = StartupErrorsTest.failure(IllegalArgumentException.class, BindsTest.settings(
                "db.binds", "analytics,archive", "db.bind.archive.url", TestDatabases.memoryUrl(),
                "db.bind.archive.entities", "io.dbfilter.binds.analytics.Event"));

        assertEquals("dbfilter: the entity io.dbfilter.binds.analytics.Event is claimed by two binds: the bind"
                + " 'analytics' (db.bind.analytics.entities / db.bind.analytics.packages) and the bind 'archive'"
                + " (db.bind.archive.entities / db.bind.archive.packages) list it. An entity belongs to one database:"
                + " remove it from one of them.", message);
    }

    @Test
    void entityAnnotatedForOneBindButListedByAnotherNamesBoth() {
        String message = StartupErrorsTest.failure(IllegalArgumentException.class, BindsTest.settings(
                "db.binds", "analytics,archive", "db.bind.archive.url", TestDatabases.memoryUrl(),
                "db.bind.archive.entities", "io.dbfilter.binds.Visit"));

        assertEquals("dbfilter: the entity io.dbfilter.binds.Visit is claimed by two binds: it is annotated"
                + " @Bind(\"analytics\"), and the bind 'archive' (db.bind.archive.entities / db.bind.archive.packages)"
                + " list it. An entity belongs to one database: remove it from that list, or change the annotation.",
                message);
    }

    @Test
    void annotationNamingAnUnconfiguredBindSaysToAddIt() {
        String message = StartupErrorsTest.failure(IllegalArgumentException.class,
                TestDatabases.settings("db.packages", "io.dbfilter.binds"));

        assertEquals("dbfilter: the entity io.dbfilter.binds.Visit is annotated @Bind(\"analytics\"), but db.binds"
                + " does not name that bind (it is not set). Add the bind to db.binds with its db.bind.analytics.url,"
                + " or fix the annotation.", message);
    }

    @Test
    void bindWithoutAUrlSaysToSetIt() {
        String message = StartupErrorsTest.failure(IllegalArgumentException.class,
                BindsTest.settings("db.bind.analytics.url", ""));

        assertEquals("dbfilter: db.bind.analytics.url is not set: the bind 'analytics' named in db.binds"
                + " (Database.create setting) needs the JDBC URL of its database, e.g."
                + " jdbc:derby:memory:analytics;create=true.", message);
    }

    @Test
    void bindWithoutEntitiesNamesItsKeysAndTheAnnotation() {
        String message = StartupErrorsTest.failure(IllegalArgumentException.class, BindsTest.settings(
                "db.binds", "analytics,archive", "db.bind.archive.url", TestDatabases.memoryUrl()));

        assertTrue(message.startsWith("dbfilter: no @Entity class found for the bind 'archive'. List the entity"
                + " classes in db.bind.archive.entities"), message);
        assertTrue(message.endsWith("; neither is set, or annotate them @io.dbfilter.Bind(\"archive\")."), message);
    }

    @Test
    void defaultBindWhoseEntitiesAllBelongToOtherBindsSaysSo() {
        String message = StartupErrorsTest.failure(IllegalArgumentException.class, BindsTest.settings(
                "db.packages", "io.dbfilter.binds.analytics"));

        assertTrue(message.startsWith("dbfilter: no @Entity class found. List the entity classes in db.entities"),
                message);
        assertTrue(message.endsWith("; the 1 found there belong to other binds."), message);
    }

    @Test
    void bindThatCannotConnectClosesThePoolsStartedBeforeIt() {
        String message = StartupErrorsTest.failure(IllegalStateException.class, BindsTest.settings(
                "db.bind.analytics.url", "jdbc:postgresql://127.0.0.1:1/analytics",
                "db.bind.analytics.pool.connectionTimeout", "1000"));

        assertTrue(message.contains("cannot reach the database at db.bind.analytics.url (Database.create setting)="),
                message);
    }

    @Test
    void bindWhoseEntitiesCannotBeMappedClosesEveryPool() {
        String message = StartupErrorsTest.failure(IllegalStateException.class, BindsTest.settings(
                "db.bind.analytics.entities", "io.dbfilter.broken.NoId"));

        assertTrue(message.startsWith("dbfilter: EclipseLink could not map the entities:"), message);
    }

    @Test
    void relationshipToAnEntityOfAnotherBindFailsAtStartUp() {
        String message = StartupErrorsTest.failure(IllegalStateException.class, BindsTest.settings(
                "db.bind.analytics.entities", "io.dbfilter.crossbind.Purchase"));

        assertTrue(message.startsWith("dbfilter: EclipseLink could not map the entities:"), message);
        assertTrue(message.contains("Customer"), message);
    }
}

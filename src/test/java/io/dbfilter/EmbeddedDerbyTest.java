package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.internal.jdbc.EmbeddedDerby;
import io.dbfilter.model.User;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedDerbyTest {
    @Test
    void defaultDatabaseLivesInTheInstanceFolderOfTheWorkingDirectory() {
        assertEquals("jdbc:derby:" + Path.of("instance", "app").toAbsolutePath() + ";create=true",
                EmbeddedDerby.defaultUrl());
    }

    @Test
    void closingShutsAFileDatabaseDownCleanly(@TempDir Path folder) {
        Path db = folder.resolve("db");
        try (Database database = Database.create(Map.of("db.url", "jdbc:derby:" + db + ";create=true",
                "db.packages", "io.dbfilter.model"))) {
            database.createAll();
            assertTrue(Files.exists(db.resolve("db.lck")), "Derby did not boot the database");
        }

        assertFalse(Files.exists(db.resolve("db.lck")), "the database was not shut down");
    }

    @Test
    void closingDropsAnInMemoryDatabase() {
        String url = TestDatabases.memoryUrl();
        TestDatabases.create("db.url", url).close();

        var error = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(url.replace(";create=true", "")));
        assertEquals("XJ004", error.getSQLState());
    }

    @Test
    void anotherOpenDatabaseOnTheSameDerbyDatabaseKeepsItRunning() {
        String url = TestDatabases.memoryUrl();
        try (Database second = TestDatabases.create("db.url", url)) {
            TestDatabases.create("db.url", url).close();

            try (Scope scope = second.open()) {
                Db.session().persist(new User("ann"));
                Db.commit();
            }
        }
    }
}

package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dbfilter.model.User;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A long job in one scope cannot make recording or tracking grow without bound: db.recordLimit caps both. */
class RecordLimitTest {
    private static long lines(String log, String text) {
        return log.lines().filter(line -> line.contains(text)).count();
    }

    @Test
    void recordingKeepsAtMostTheLimitAndWarnsOnce() {
        try (Database db = TestDatabases.create("db.recordQueries", "true", "db.recordLimit", "5")) {
            String log = SchemaTest.captureOutput(() -> {
                try (Scope scope = db.open()) {
                    for (int i = 0; i < 8; i++) {
                        Db.session().createQuery("select count(u) from User u").getSingleResult();
                    }
                    assertEquals(5, Db.recordedQueries().size());
                }
            });

            assertEquals(1, lines(log, "ran more than 5 statements (db.recordLimit)"), log);
        }
    }

    @Test
    void trackingHandsListenersAtMostTheLimitAndWarnsOnce() {
        try (Database db = TestDatabases.create("db.trackModifications", "true", "db.recordLimit", "3")) {
            var received = new ArrayList<List<Change>>();
            db.onAfterCommit(received::add);
            String log = SchemaTest.captureOutput(() -> {
                try (Scope scope = db.open()) {
                    for (int i = 0; i < 5; i++) {
                        Db.session().persist(new User("user-" + i));
                    }
                    Db.commit();
                }
            });

            assertEquals(1, received.size());
            assertEquals(3, received.get(0).size());
            assertEquals(1, lines(log, "reached 3 written entities (db.recordLimit)"), log);
        }
    }
}

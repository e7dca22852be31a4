package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dbfilter.replicas.Account;
import io.dbfilter.replicas.Note;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A replica per bind: {@code Note} lives on the bind "notes", which has a replica, and
 * {@code Account} on the default bind, which has none. Reads of an entity follow its bind's
 * replica, and a write to one bind moves only that bind's reads to its primary.
 */
class ReplicaBindsTest {
    private Database replica;
    private Database database;

    @BeforeEach
    void start() throws Exception {
        String notesPrimary = TestDatabases.memoryUrl();
        String notesReplica = TestDatabases.memoryUrl();
        replica = Database.create(Map.of("db.url", notesReplica, "db.entities", Note.class.getName()));
        replica.createAll();
        database = Database.create(Map.of("db.url", TestDatabases.memoryUrl(), "db.entities", Account.class.getName(),
                "db.binds", "notes", "db.bind.notes.url", notesPrimary, "db.bind.notes.entities", Note.class.getName(),
                "db.bind.notes.replica.url", notesReplica, "db.recordQueries", "true"));
        database.createAll();
        ReplicaRoutingTest.sql(notesPrimary, "INSERT INTO note (id, text, stars) VALUES (1, 'primary', 5)");
        ReplicaRoutingTest.sql(notesReplica, "INSERT INTO note (id, text, stars) VALUES (1, 'replica', 3)");
    }

    @AfterEach
    void stop() {
        database.close();
        replica.close();
    }

    private static String noteText() {
        Db.sessionFor(Note.class).clear();
        return Db.sessionFor(Note.class).find(Note.class, 1L).getText();
    }

    @Test
    void readsOfAnEntityFollowItsBindsReplica() {
        try (Scope scope = database.open()) {
            assertEquals("replica", noteText());
            assertEquals(0L, Db.session().createQuery("SELECT COUNT(a) FROM Account a", Long.class).getSingleResult());
            assertEquals(List.of("replica", "primary"), Db.recordedQueries().stream().map(RecordedQuery::server).toList());
        }
    }

    @Test
    void aWriteToAnotherBindLeavesThisBindsReadsOnItsReplica() {
        try (Scope scope = database.open()) {
            Db.session().persist(new Account(1, "a", 0));
            Db.commit();
            assertEquals("replica", noteText());
        }
    }

    @Test
    void aWriteToTheBindMovesItsReadsToItsPrimary() {
        try (Scope scope = database.open()) {
            Db.sessionFor(Note.class).persist(new Note(2, "new", 1));
            Db.commit();
            assertEquals("primary", noteText());
        }
    }

    @Test
    void dbPrimaryCoversEveryBind() {
        try (Scope scope = database.open()) {
            Db.primary();
            assertEquals("primary", noteText());
        }
    }
}

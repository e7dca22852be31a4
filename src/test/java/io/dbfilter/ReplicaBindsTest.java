package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.replicas.Account;
import io.dbfilter.replicas.Note;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.http.HttpResponse;
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

    /** POST: persists an account on the default bind, which has no replica, and commits. */
    static final class Accounts extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) {
            Db.session().persist(new Account(7, "default bind", 0));
            Db.commit();
            response.setStatus(204);
        }
    }

    @Test
    void aCommitThatWroteOnlyToABindWithoutAReplicaSetsNoCookie() throws Exception {
        try (TestServer server = TestServer.start(Map.of("db.url", TestDatabases.memoryUrl(), "db.entities",
                Account.class.getName(), "db.binds", "notes", "db.bind.notes.url", TestDatabases.memoryUrl(),
                "db.bind.notes.entities", Note.class.getName(), "db.bind.notes.replica.url",
                TestDatabases.memoryUrl(), "db.createAll", "true"), Map.of("/accounts", new Accounts()))) {
            server.database().createAll();
            HttpResponse<String> posted = server.post("/accounts");

            assertEquals(204, posted.statusCode(), posted.body());
            assertTrue(posted.headers().firstValue("Set-Cookie").isEmpty(), posted.headers().toString());
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

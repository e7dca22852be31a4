package io.dbfilter.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dbfilter.Database;
import io.dbfilter.Db;
import io.dbfilter.Scope;
import io.dbfilter.test.notes.Note;
import io.dbfilter.test.notes.NoteServlet;
import org.junit.jupiter.api.Test;

/**
 * Scopes take turns on the test's connection: a request sent while the test's own scope holds it
 * waits, and fails after the class's wait rather than hanging the build; once the test commits,
 * the same request is served.
 */
@DbTest(servlets = @DbTest.Route(path = "/notes", servlet = NoteServlet.class), connectionWaitMillis = 300)
@DbSettings("db.entities=io.dbfilter.test.notes.Note")
class WaitingForTheConnectionTest {

    @Test
    void aRequestSentWhileTheTestsScopeHoldsTheConnectionFailsThenSucceedsOnceTheTestCommits(Database db,
            TestServer server) throws Exception {
        try (Scope scope = db.open()) {
            Db.session().persist(new Note("held"));
            Db.session().flush(); // the scope now holds the connection until it commits
            assertEquals(500, server.get("/notes").statusCode());

            Db.commit();
            assertEquals("held\n", server.get("/notes").body());
        }
    }
}

package io.dbfilter;

import static io.dbfilter.FilterTest.servlet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.model.User;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scopes that outlive their work on a pooled container thread: a scope left bound is ended with a
 * warning before the next request starts, never joined, so that request's commit cannot commit
 * someone else's work.
 */
class LeftoverScopeTest {
    private static long users(Database database) {
        try (Scope scope = database.open()) {
            return Db.session().createQuery("select count(u) from User u", Long.class).getSingleResult();
        }
    }

    @Test
    void aScopeLeftOpenByUnfilteredCodeIsRolledBackNotCommittedByTheNextRequest() throws Exception {
        var servlets = Map.of(
                "/job", servlet((request, response) -> {
                    // Outside DbFilter's mapping, and never closed: the bug this pins.
                    DbFilter.database(request.getServletContext()).open();
                    Db.session().persist(new User("ghost"));
                    Db.session().flush();
                    response.getWriter().print(Thread.currentThread().getName());
                }),
                "/db/commit", servlet((request, response) -> {
                    Db.session();
                    Db.commit();
                    response.getWriter().print(Thread.currentThread().getName());
                }));
        try (var server = TestServer.oneThread(TestDatabases.settings(), servlets, "/db/*")) {
            String[] log = new String[1];
            String jobThread = server.get("/job").body();
            log[0] = SchemaTest.captureOutput(() -> {
                try {
                    assertEquals(jobThread, server.get("/db/commit").body(), "the two requests must share a thread");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });

            assertEquals(0, users(server.database()), "the leftover scope's row was committed");
            assertEquals(0, server.database().openSessions());
            assertTrue(log[0].contains("was still bound to thread '" + jobThread + "' when GET /db/commit began"),
                    log[0]);
            assertTrue(log[0].contains("opened at io.dbfilter.LeftoverScopeTest"), log[0]);
        }
    }

    @Test
    void aScopeOpenedInsideARequestAndNotClosedEndsWithTheRequest() throws Exception {
        var servlets = Map.of("/leaky", servlet((request, response) -> {
            try (Database other = TestDatabases.create()) {
                other.open();
                Db.session().persist(new User("inner"));
                response.getWriter().print("ok");
            }
        }), "/bound", servlet((request, response) -> response.getWriter().print(Db.database().name())));
        try (var server = TestServer.oneThread(TestDatabases.settings(), servlets)) {
            assertEquals("ok", server.get("/leaky").body());

            assertEquals(server.database().name(), server.get("/bound").body());
            assertEquals(0, server.database().openSessions());
        }
    }
}

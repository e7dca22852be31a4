package io.dbfilter;

import static io.dbfilter.FilterTest.servlet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.model.User;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A connection that breaks inside {@code Db.commit()} may have committed: the request is an error
 * whose outcome is logged as unknown, never a 503 that tells the client to send the POST again.
 */
class InDoubtCommitTest {
    @AfterEach
    void disarm() {
        CommitFailsDriver.armed = false;
    }

    @Test
    void aConnectionLostDuringCommitIsAnErrorWithUnknownOutcomeNotA503() throws Exception {
        var settings = TestDatabases.settings("db.url", CommitFailsDriver.url("indoubt"));
        var servlets = Map.of("/create", servlet((request, response) -> {
            Db.session().persist(new User(request.getParameter("name")));
            Db.commit();
            response.getWriter().print("created");
        }));
        try (var server = TestServer.start(settings, servlets)) {
            // The first create takes a block of ids, whose own commit must not fail.
            assertEquals("created", server.post("/create?name=first").body());
            CommitFailsDriver.armed = true;

            HttpResponse<String>[] answer = new HttpResponse[1];
            String log = SchemaTest.captureOutput(() -> {
                try {
                    answer[0] = server.post("/create?name=second");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });

            assertEquals(500, answer[0].statusCode(), log);
            assertTrue(log.contains("POST /create lost its connection while committing (SQLState 08006"), log);
            assertTrue(log.contains("whether the database committed is unknown"), log);
            assertFalse(log.contains("answered 503"), log);
            CommitFailsDriver.armed = false;
            try (Scope scope = server.database().open()) {
                assertEquals(2L, Db.session().createQuery("select count(u) from User u", Long.class)
                        .getSingleResult(), "the commit reached the database, as a real in-doubt commit may");
            }
            assertEquals(0, server.database().openSessions());
        }
    }

    @Test
    void aConnectionLostBeforeTheCommitIsStillA503WithRetryAfter() throws Exception {
        var servlets = Map.of("/read", servlet((request, response) -> {
            throw new jakarta.persistence.PersistenceException(new java.sql.SQLException("gone", "08001"));
        }));
        try (var server = TestServer.start(TestDatabases.settings(), servlets)) {
            String[] log = new String[1];
            HttpResponse<String>[] answer = new HttpResponse[1];
            log[0] = SchemaTest.captureOutput(() -> {
                try {
                    answer[0] = server.get("/read");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });

            assertEquals(503, answer[0].statusCode(), log[0]);
            assertEquals("1", answer[0].headers().firstValue("Retry-After").orElse(null));
        }
    }
}

package io.dbfilter;

import static io.dbfilter.FilterTest.servlet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.model.User;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The answers an application chooses the words of: a row named in a form that does not exist is
 * a 400 (getOr400), and a page past the end says what the caller wants it to say.
 */
class RefusalsTest {
    @Test
    void aFormThatNamesARowThatDoesNotExistIsA400WithTheCallersText() throws Exception {
        var servlets = Map.of("/posts", servlet((request, response) -> {
            User author = Db.getOr400(User.class, request.getParameter("author"), "No such author.");
            response.getWriter().print("by " + author.getUsername());
        }));
        try (var server = TestServer.start(TestDatabases.settings(), servlets)) {
            try (Scope scope = server.database().open()) {
                Db.session().persist(new User("ann"));
                Db.commit();
            }
            long annId;
            try (Scope scope = server.database().open()) {
                annId = Db.session().createQuery("select u.id from User u", Long.class).getSingleResult();
            }

            HttpResponse<String> missing = server.post("/posts?author=999999");
            HttpResponse<String> garbage = server.post("/posts?author=abc");

            assertEquals(400, missing.statusCode());
            assertTrue(missing.body().contains("No such author."), missing.body());
            assertEquals(400, garbage.statusCode());
            assertEquals("by ann", server.post("/posts?author=" + annId).body());
        }
    }

    @Test
    void aPagePastTheEndSaysWhatTheCallerWants() throws Exception {
        var servlets = Map.of("/users", servlet((request, response) -> {
            var page = Db.paginate(Db.session().createQuery("select u from User u order by u.username", User.class),
                    PageRequest.fromRequest().notFound("There is no such page of users."));
            response.getWriter().print(page.items().size());
        }));
        try (var server = TestServer.start(TestDatabases.settings(), servlets)) {
            HttpResponse<String> past = server.get("/users?page=7");
            HttpResponse<String> bad = server.get("/users?page=seven");

            assertEquals(404, past.statusCode());
            assertTrue(past.body().contains("There is no such page of users."), past.body());
            assertEquals(404, bad.statusCode());
            assertTrue(bad.body().contains("There is no such page of users."), bad.body());
        }
    }
}

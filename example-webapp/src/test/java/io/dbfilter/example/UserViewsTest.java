package io.dbfilter.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.Database;
import io.dbfilter.Db;
import io.dbfilter.Scope;
import io.dbfilter.test.DbTest;
import io.dbfilter.test.TestServer;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * The user views through dbfilter-test: the application is deployed from its own web.xml on an
 * in-memory database of this class's, and everything a test did, through the forms (which commit)
 * or in its own scope, is rolled back when the test ends, so no test cleans up after itself.
 */
@DbTest(webApp = "classpath:webapp")
class UserViewsTest {

    /** Posts a form the way a browser would: with the CSRF token of the page that shows it. */
    private static HttpResponse<String> submit(TestServer server, String formPage, String action,
            Map<String, String> fields) throws Exception {
        var form = new HashMap<>(fields);
        form.put("csrf", Jsoup.parse(server.get(formPage).body()).select("input[name=csrf]").val());
        return server.post(action, form);
    }

    private static List<String> listed(TestServer server) throws Exception {
        return Jsoup.parse(server.get("/users").body()).select("tbody td:first-child a").eachText();
    }

    @Test
    void aUserCreatedThroughTheFormIsListedAndHasItsPage(TestServer server) throws Exception {
        HttpResponse<String> created = submit(server, "/users/create", "/users/create",
                Map.of("username", "ann", "email", "ann@example.com"));

        assertEquals(302, created.statusCode());
        String page = created.headers().firstValue("Location").orElseThrow();
        assertTrue(server.get(page).body().contains("ann@example.com"));
        assertEquals(List.of("ann"), listed(server));
    }

    @Test
    void everyTestStartsWithNoUsers(TestServer server) throws Exception {
        assertTrue(Jsoup.parse(server.get("/users").body()).select(".empty").text().contains("No users yet"));
    }

    @Test
    void aUserSeededByTheTestIsDeletedThroughTheForm(Database db, TestServer server) throws Exception {
        long id;
        try (Scope scope = db.open()) {
            var bob = new User("bob", "bob@example.com");
            Db.session().persist(bob);
            Db.commit(); // a request sees what the test committed, and the test's end rolls it back
            id = bob.getId();
        }

        HttpResponse<String> deleted = submit(server, "/user/" + id + "/delete", "/user/" + id + "/delete", Map.of());

        assertEquals(302, deleted.statusCode());
        assertEquals(List.of(), listed(server));
    }
}

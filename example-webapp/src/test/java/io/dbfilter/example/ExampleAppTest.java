package io.dbfilter.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The user views end to end, on each database the README says the example runs on: every test
 * runs on embedded Derby, PostgreSQL and MariaDB, each time on a fresh database (see
 * {@link TestDatabase} for where the servers are and what happens when one is not running).
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.class)
class ExampleAppTest {
    @Parameter
    TestDatabase database;

    private ExampleApp app;

    @BeforeEach
    void start() throws Exception {
        app = ExampleApp.start(database);
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    private static Document html(HttpResponse<String> response) {
        String body = response.body();
        assertFalse(body.contains("Exception") || body.contains("\tat "), "a page shows a stack trace:\n" + body);
        return Jsoup.parse(body);
    }

    private List<String> listedUsernames(String path) throws Exception {
        return html(app.get(path)).select("tbody td:first-child a").eachText();
    }

    @Test
    void rootRedirectsToTheUserList() throws Exception {
        HttpResponse<String> response = app.get("/");

        assertEquals(302, response.statusCode());
        assertTrue(response.headers().firstValue("Location").orElseThrow().endsWith("/users"));
    }

    @Test
    void emptyListInvitesToCreateTheFirstUser() throws Exception {
        HttpResponse<String> response = app.get("/users");

        assertEquals(200, response.statusCode());
        assertTrue(html(response).select(".empty").text().contains("No users yet"));
    }

    @Test
    void createdUserRedirectsToItsPageAndIsListedInUsernameOrder() throws Exception {
        String bob = app.create("bob", "bob@example.com");
        app.create("ann", "");

        Document page = html(app.get(bob));
        assertEquals("bob", page.select("h1").text());
        assertTrue(page.text().contains("bob@example.com"));
        assertEquals(List.of("ann", "bob"), listedUsernames("/users"));
    }

    @Test
    void markupInAUsernameIsShownAsTextNeverRun() throws Exception {
        String path = app.create("<script>alert(1)</script>", "");

        String body = app.get(path).body();
        assertFalse(body.contains("<script>alert(1)</script>"), body);
        assertTrue(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), body);
    }

    @Test
    void emptyOrOverLongUsernameReShowsTheFormWith400() throws Exception {
        for (String username : List.of("", "   ", "x".repeat(81))) {
            HttpResponse<String> response = app.submit("/users/create", "/users/create",
                    Map.of("username", username, "email", ""));

            assertEquals(400, response.statusCode(), "username '" + username + "'");
            assertFalse(html(response).select(".message").text().isEmpty());
        }
        assertEquals(List.of(), listedUsernames("/users"));
    }

    @Test
    void controlNulBidiAndZeroWidthCharactersAre400WithAMessageNeverA500() throws Exception {
        for (String username : List.of("ann\u0000", "a\tb", "bell\u0007", "a\u2028b", "evil\u202Etxt.exe",
                "ad\u200Bmin", "\uFEFFann")) {
            HttpResponse<String> response = app.submit("/users/create", "/users/create",
                    Map.of("username", username, "email", ""));

            String shown = username.codePoints().mapToObj(c -> String.format("U+%04X", c)).toList().toString();
            assertEquals(400, response.statusCode(), shown);
            assertEquals("Username must not contain control or invisible characters.",
                    html(response).select(".message").text(), shown);
        }
        HttpResponse<String> email = app.submit("/users/create", "/users/create",
                Map.of("username", "ann", "email", "ann@example.com\u0000"));
        assertEquals(400, email.statusCode());
        assertEquals("Email must look like name@example.com.", html(email).select(".message").text());
        assertEquals(List.of(), listedUsernames("/users"));
    }

    @Test
    void badEmailIsRejectedAndTheTypedValuesAreKept() throws Exception {
        HttpResponse<String> response = app.submit("/users/create", "/users/create",
                Map.of("username", "ann", "email", "not-an-email"));

        Document page = html(response);
        assertEquals(400, response.statusCode());
        assertEquals("Email must look like name@example.com.", page.select(".message").text());
        assertEquals("ann", page.select("input[name=username]").val());
    }

    @Test
    void duplicateUsernameIsAConflictWithAMessageNeverA500() throws Exception {
        app.create("ann", "");

        HttpResponse<String> response = app.submit("/users/create", "/users/create",
                Map.of("username", "ann", "email", ""));

        assertEquals(409, response.statusCode());
        assertEquals("The username ann is already taken.", html(response).select(".message").text());
        assertEquals(List.of("ann"), listedUsernames("/users"));
    }

    @Test
    void postWithoutTheCsrfTokenIsForbidden() throws Exception {
        app.get("/users/create");

        HttpResponse<String> response = app.post("/users/create", Map.of("username", "mallory", "email", ""));

        assertEquals(403, response.statusCode());
        assertTrue(html(response).text().contains("The form has expired"));
        assertEquals(List.of(), listedUsernames("/users"));
    }

    @Test
    void unknownOrNonNumericIdsAreA404PageInTheLayout() throws Exception {
        for (String path : List.of("/user/999", "/user/abc", "/user/abc/edit", "/user/1/unknown", "/nowhere")) {
            HttpResponse<String> response = app.get(path);

            assertEquals(404, response.statusCode(), path);
            Document page = html(response);
            assertEquals("404", page.select(".error h1").text(), path);
            assertEquals("Users", page.select("header nav a").first().text(), path);
        }
    }

    @Test
    void editSavesAndRedirectsToTheUser() throws Exception {
        String path = app.create("ann", "");

        HttpResponse<String> response = app.submit(path + "/edit", path + "/edit",
                Map.of("username", "anne", "email", "anne@example.com"));

        assertEquals(302, response.statusCode());
        assertEquals(List.of("anne"), listedUsernames("/users"));
        assertTrue(html(app.get(path)).text().contains("anne@example.com"));
    }

    @Test
    void editToATakenUsernameIsAConflictAndChangesNothing() throws Exception {
        app.create("ann", "");
        String bob = app.create("bob", "");

        HttpResponse<String> response = app.submit(bob + "/edit", bob + "/edit", Map.of("username", "ann", "email", ""));

        assertEquals(409, response.statusCode());
        assertEquals("The username ann is already taken.", html(response).select(".message").text());
        assertEquals(List.of("ann", "bob"), listedUsernames("/users"));
    }

    @Test
    void deleteAsksForConfirmationAndOnlyAPostDeletes() throws Exception {
        String path = app.create("ann", "");

        HttpResponse<String> confirmation = app.get(path + "/delete");
        assertEquals(200, confirmation.statusCode());
        assertEquals("Delete ann?", html(confirmation).select("h1").text());
        assertEquals(List.of("ann"), listedUsernames("/users"));

        HttpResponse<String> deleted = app.submit(path + "/delete", path + "/delete", Map.of());
        assertEquals(302, deleted.statusCode());
        assertTrue(deleted.headers().firstValue("Location").orElseThrow().endsWith("/users"));
        assertEquals(404, app.get(path).statusCode());
    }

    @Test
    void postToTheDetailPageIsNotAllowed() throws Exception {
        String path = app.create("ann", "");

        assertEquals(405, app.submit(path, path, Map.of()).statusCode());
    }

    @Test
    void listIsPaginatedWithPageLinks() throws Exception {
        for (int i = 1; i <= 25; i++) {
            app.create(String.format("user%02d", i), "");
        }

        Document first = html(app.get("/users"));
        assertEquals(20, first.select("tbody tr").size());
        assertEquals(List.of("2"), first.select(".pages a:not([rel])").eachText());
        assertEquals("1–20 of 25", first.select(".pages .count").text());

        List<String> second = listedUsernames("/users?page=2");
        assertEquals(List.of("user21", "user22", "user23", "user24", "user25"), second);
        assertEquals(List.of("user06", "user07", "user08", "user09", "user10"), listedUsernames("/users?page=2&per_page=5"));
        assertTrue(html(app.get("/users?page=2&per_page=5")).select(".pages a[rel=next]").attr("href")
                .endsWith("page=3&per_page=5"));
        assertEquals(404, app.get("/users?page=3").statusCode());
        assertEquals(404, app.get("/users?page=abc").statusCode());
    }

    @Test
    void newestUsersComeTenAtATimeWithOlderAndNewerLinks() throws Exception {
        for (int i = 1; i <= 25; i++) {
            app.create(String.format("user%02d", i), "");
        }

        Document first = html(app.get("/users/newest"));
        assertEquals(List.of("user25", "user24", "user23", "user22", "user21", "user20", "user19", "user18", "user17",
                "user16"), first.select("tbody td:first-child a").eachText());
        assertTrue(first.select(".pages a[rel=prev]").isEmpty());
        Document second = html(app.get(first.select(".pages a[rel=next]").attr("href")));
        assertEquals("user15", second.select("tbody td:first-child a").first().text());
        Document last = html(app.get(second.select(".pages a[rel=next]").attr("href")));
        assertEquals(List.of("user05", "user04", "user03", "user02", "user01"),
                last.select("tbody td:first-child a").eachText());
        assertTrue(last.select(".pages a[rel=next]").isEmpty());
        assertEquals(second.select("tbody td:first-child a").eachText(),
                listedUsernames(last.select(".pages a[rel=prev]").attr("href")));
    }

    @Test
    void theJsonListHandsOnItsCursorUntilEveryUserWasSentOnce() throws Exception {
        for (int i = 1; i <= 12; i++) {
            app.create(String.format("user%02d", i), "");
        }

        var usernames = new ArrayList<String>();
        String path = "/api/users";
        while (path != null) {
            HttpResponse<String> response = app.get(path);
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
            var username = Pattern.compile("\"username\": \"([^\"]+)\"").matcher(response.body());
            while (username.find()) {
                usernames.add(username.group(1));
            }
            var next = Pattern.compile("\"next\": \"([A-Za-z0-9_-]+)\"").matcher(response.body());
            path = next.find() ? "/api/users?cursor=" + next.group(1) : null;
            assertTrue(path != null || response.body().contains("\"next\": null"), response.body());
        }

        assertEquals(12, usernames.size());
        assertEquals("user12", usernames.get(0));
        assertEquals("user01", usernames.get(11));
        assertEquals("\"a\\\"b\\\\c\\u003c\\u000a\"", UsersApiServlet.string("a\"b\\c<\n"));
        assertEquals(400, app.get("/api/users?cursor=not-a-cursor").statusCode());
    }
}

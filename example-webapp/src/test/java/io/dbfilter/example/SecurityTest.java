package io.dbfilter.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the example application tells browsers about its pages, and how its forms resist CSRF. */
class SecurityTest {
    private ExampleApp app;

    @BeforeEach
    void start() throws Exception {
        app = ExampleApp.start();
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }

    private List<String> listedUsernames() throws Exception {
        return Jsoup.parse(app.get("/users").body()).select("tbody td:first-child a").eachText();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return app.browser().send(HttpRequest.newBuilder(app.uri(path)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        String user = app.create("ann", "");
        var answers = Map.of(
                "/users", app.get("/users"),
                "/users/create", app.get("/users/create"),
                user, app.get(user),
                user + "/edit", app.get(user + "/edit"),
                user + "/delete", app.get(user + "/delete"),
                "/user/abc (404)", app.get("/user/abc"),
                "/static/style.css", app.get("/static/style.css"),
                "POST without a token (403)", app.post("/users/create", Map.of("username", "x")),
                "POST " + user + " (405)", app.post(user, Map.of()));

        answers.forEach((page, response) -> {
            String policy = header(response, "Content-Security-Policy");
            assertTrue(policy.contains("default-src 'none'"), page + ": " + policy);
            assertTrue(policy.contains("frame-ancestors 'none'"), page + ": " + policy);
            assertFalse(policy.contains("unsafe-inline") || policy.contains("script-src"), page + ": " + policy);
            assertEquals("nosniff", header(response, "X-Content-Type-Options"), page);
            assertEquals("same-origin", header(response, "Referrer-Policy"), page);
        });
    }

    @Test
    void pagesWithAFormAreNeverCached() throws Exception {
        String user = app.create("ann", "");

        for (String page : List.of("/users/create", user + "/edit", user + "/delete")) {
            assertEquals("no-store", header(app.get(page), "Cache-Control"), page);
        }
    }

    @Test
    void theCsrfCookieIsHttpOnlyAndSameSiteLaxAndNoSessionCookieIsSent() throws Exception {
        HttpResponse<String> form = app.get("/users/create");

        List<String> cookies = form.headers().allValues("Set-Cookie");
        assertEquals(1, cookies.size(), cookies.toString());
        Set<String> attributes = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        attributes.addAll(Arrays.stream(cookies.get(0).split(";")).map(String::strip).toList());
        assertTrue(cookies.get(0).startsWith(Csrf.COOKIE + "="), cookies.get(0));
        assertTrue(attributes.containsAll(List.of("HttpOnly", "SameSite=Lax", "Path=/")), cookies.get(0));
    }

    @Test
    void methodNotAllowedAnswersSayWhichMethodsAre() throws Exception {
        String user = app.create("ann", "");
        var expected = Map.of(
                "POST /users", "GET, HEAD, OPTIONS",
                "PUT /users/create", "GET, HEAD, POST, OPTIONS",
                "POST " + user, "GET, HEAD, OPTIONS",
                "DELETE " + user + "/delete", "GET, HEAD, POST, OPTIONS");

        for (var entry : expected.entrySet()) {
            String[] request = entry.getKey().split(" ");
            HttpResponse<String> response = send(request[0], request[1]);

            assertEquals(405, response.statusCode(), entry.getKey());
            assertEquals(entry.getValue(), header(response, "Allow"), entry.getKey());
        }
    }

    @Test
    void aThousandGetsOfTheCreateFormCreateNoHttpSession() throws Exception {
        // A client that keeps no cookies, as a script looping on the form would.
        var client = HttpClient.newHttpClient();
        var request = HttpRequest.newBuilder(app.uri("/users/create")).build();

        for (int i = 0; i < 1_000; i++) {
            assertEquals(200, client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        app.create("ann", "");

        assertEquals(0, app.sessionsCreated());
    }

    @Test
    void aPostWithAMissingForgedOrAnotherVisitorsTokenIsRefused() throws Exception {
        ExampleApp.Browser visitor = app.browser();
        String token = visitor.tokenOf("/users/create");
        String othersToken = app.browser().tokenOf("/users/create");
        String forged = token.substring(1) + (token.charAt(0) == 'A' ? 'B' : 'A');

        for (var fields : List.of(Map.of("username", "missing"),
                Map.of("username", "forged", "csrf", forged),
                Map.of("username", "empty", "csrf", ""),
                Map.of("username", "other", "csrf", othersToken))) {
            HttpResponse<String> response = visitor.post("/users/create", fields);

            assertEquals(403, response.statusCode(), fields.toString());
            assertTrue(Jsoup.parse(response.body()).text().contains("The form has expired"), fields.toString());
        }
        assertEquals(302, visitor.post("/users/create", Map.of("username", "right", "csrf", token)).statusCode());
        assertEquals(List.of("right"), listedUsernames());
    }

    @Test
    void aCookieAndTokenChosenByAnAttackerAreRefused() throws Exception {
        // Plain double-submit would accept any value sent both as the cookie and as the field.
        var client = HttpClient.newHttpClient();
        String chosen = "A".repeat(43);

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(app.uri("/users/create"))
                .header("Cookie", Csrf.COOKIE + "=" + chosen)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(ExampleApp.formBody(
                        Map.of("username", "mallory", "csrf", chosen)))).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(403, response.statusCode());
        assertEquals(List.of(), listedUsernames());
    }
}

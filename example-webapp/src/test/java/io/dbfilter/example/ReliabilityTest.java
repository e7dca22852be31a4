package io.dbfilter.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.Db;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rows of docs/reliability.md about request input that ExampleAppTest does not already pin:
 * each test is one row, with the outcome the table states.
 */
class ReliabilityTest {
    private ExampleApp app;

    @BeforeEach
    void start() throws Exception {
        app = ExampleApp.start();
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
    }

    private long usersNamed(String username) {
        try (var scope = app.database().open()) {
            return Db.session().createQuery("select count(u) from User u where u.username = :name", Long.class)
                    .setParameter("name", username).getSingleResult();
        }
    }

    @Test
    void sixteenClientsCreatingTheSameUsernameAtOnceMakeOneRowAndFifteenConflicts() throws Exception {
        int clients = 16;
        var barrier = new CyclicBarrier(clients);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        var statuses = new ArrayList<Integer>();
        try {
            var answers = new ArrayList<Future<HttpResponse<String>>>();
            for (int i = 0; i < clients; i++) {
                ExampleApp.Browser browser = app.browser();
                answers.add(pool.submit(() -> {
                    browser.get("/users/create"); // a CSRF cookie and token first, so all POSTs leave together
                    barrier.await(30, TimeUnit.SECONDS);
                    return browser.postWithToken("/users/create", Map.of("username", "sam", "email", ""));
                }));
            }
            for (var answer : answers) {
                HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
                statuses.add(response.statusCode());
                if (response.statusCode() == 409) {
                    assertTrue(Jsoup.parse(response.body()).text().contains("The username sam is already taken."));
                }
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(1, statuses.stream().filter(status -> status == 302).count(), statuses.toString());
        assertEquals(clients - 1, statuses.stream().filter(status -> status == 409).count(), statuses.toString());
        assertEquals(1, usersNamed("sam"));
    }

    @Test
    void unicodeAndEmojiAreStoredAndShownAsTyped() throws Exception {
        String name = "Zoë 名前 🎉";
        String path = app.create(name, "zoë@例え.jp");

        var page = Jsoup.parse(app.get(path).body());

        assertEquals(name, page.select("h1").text());
        assertTrue(page.text().contains("zoë@例え.jp"), page.text());
        assertEquals(1, usersNamed(name));
    }

    @Test
    void sqlMetacharactersAreStoredVerbatim() throws Exception {
        String name = "o'brien\"; drop table \"user\"; --";
        String path = app.create(name, "");

        assertEquals(name, Jsoup.parse(app.get(path).body()).select("h1").text());
        assertEquals(1, usersNamed(name));
        assertEquals(200, app.get("/users").statusCode());
    }

    @Test
    void theNotFoundPageDoesNotRepeatTheRequestedId() throws Exception {
        // Text put in the URL must not come back as the site's own words ("There is no user Call ...").
        for (String id : List.of("999999", "Call-0800-555-0100-to-restore-your-account")) {
            HttpResponse<String> response = app.get("/user/" + id);

            assertEquals(404, response.statusCode(), id);
            assertFalse(response.body().contains(id), response.body());
            assertEquals("There is no such user.", Jsoup.parse(response.body()).select(".error p").first().text());
        }
    }

    @Test
    void negativeZeroAndHugePageNumbersAre404() throws Exception {
        app.create("ann", "");
        for (String query : List.of("page=-1", "page=0", "page=2", "page=2147483647", "page=99999999999999999999",
                "per_page=0", "per_page=-5", "page=1e3", "page=%00")) {
            HttpResponse<String> response = app.get("/users?" + query);

            assertEquals(404, response.statusCode(), query);
            assertFalse(response.body().contains("Exception"), response.body());
        }
    }

    @Test
    void perPageAboveTheCapIsCappedNotObeyed() throws Exception {
        for (int i = 0; i < UserListServlet.MAX_PER_PAGE + 5; i++) {
            try (var scope = app.database().open()) {
                Db.session().persist(new User(String.format("user-%03d", i), null));
                Db.commit();
            }
        }

        var page = Jsoup.parse(app.get("/users?per_page=1000000").body());

        assertEquals(UserListServlet.MAX_PER_PAGE, page.select("tbody tr").size());
    }

    @Test
    void aFormBodyLargerThanTheContainerAcceptsIsRefusedAndStoresNothing() throws Exception {
        String huge = "x".repeat(1_000_000);

        HttpResponse<String> response = app.submit("/users/create", "/users/create",
                Map.of("username", "big", "email", huge));

        assertTrue(response.statusCode() == 400 || response.statusCode() == 413, String.valueOf(response.statusCode()));
        assertFalse(response.body().contains("Exception"), response.body());
        assertEquals(0, usersNamed("big"));
    }

    @Test
    void theEmbeddedDatabaseHasNoNetworkServerAndTheAppListensOnLoopbackOnly() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.derby.drda.NetworkServerControl"));
        assertEquals("127.0.0.1", app.uri("/").getHost());
    }
}

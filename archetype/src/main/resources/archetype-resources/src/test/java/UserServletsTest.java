package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The application from its web.xml on a free port, with an in-memory database of its own. */
class UserServletsTest {
    private static Server server;
    private static final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        // A system property wins over web.xml, as -Ddb.url=... does in production.
        System.setProperty("db.url", "jdbc:derby:memory:" + UserServletsTest.class.getSimpleName() + ";create=true");
        try {
            server = Main.start(0);
        } finally {
            System.clearProperty("db.url");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop(); // DbBootstrapListener closes the database, which drops an in-memory one
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(server.getURI().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(server.getURI().resolve(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCreatedUserHasItsPageAndIsListed() throws Exception {
        HttpResponse<String> created = post("/users/create", "username=ann&email=ann%40example.com");

        assertEquals(302, created.statusCode());
        String page = URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
        assertTrue(get(page).body().contains("ann@example.com"));
        assertTrue(get("/users").body().contains(">ann</a>"));
    }

    @Test
    void aTakenUsernameIsAConflictAndAMissingOneABadRequest() throws Exception {
        post("/users/create", "username=bob");

        assertEquals(409, post("/users/create", "username=bob").statusCode());
        assertEquals(400, post("/users/create", "username=+").statusCode());
    }

    @Test
    void markupIsShownAsText() throws Exception {
        String page = post("/users/create", "username=%3Cb%3Ex%3C%2Fb%3E").headers().firstValue("Location").orElseThrow();

        assertTrue(get(URI.create(page).getPath()).body().contains("&lt;b&gt;x&lt;/b&gt;"));
    }

    @Test
    void anUnknownOrMissingIdIsNotFound() throws Exception {
        assertEquals(404, get("/user/999999").statusCode());
        assertEquals(404, get("/user/abc").statusCode());
        assertEquals(404, get("/user").statusCode());
        assertEquals(404, get("/user/").statusCode());
    }
}

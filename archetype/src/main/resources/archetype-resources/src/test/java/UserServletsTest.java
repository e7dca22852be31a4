package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.test.DbTest;
import io.dbfilter.test.TestServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The application from its web.xml on a free port, with an in-memory database of its own;
 * whatever a test did, its requests' commits included, is rolled back when it ends.
 */
@DbTest(webApp = "src/main/webapp")
class UserServletsTest {

    @Test
    void aCreatedUserHasItsPageAndIsListed(TestServer server) throws Exception {
        HttpResponse<String> created = server.post("/users/create", Map.of("username", "ann", "email", "ann@example.com"));

        assertEquals(302, created.statusCode());
        String page = URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
        assertTrue(server.get(page).body().contains("ann@example.com"));
        assertTrue(server.get("/users").body().contains(">ann</a>"));
    }

    @Test
    void aTakenUsernameIsAConflictAndAMissingOneABadRequest(TestServer server) throws Exception {
        server.post("/users/create", Map.of("username", "bob"));

        assertEquals(409, server.post("/users/create", Map.of("username", "bob")).statusCode());
        assertEquals(400, server.post("/users/create", Map.of("username", " ")).statusCode());
    }

    @Test
    void markupIsShownAsText(TestServer server) throws Exception {
        String page = server.post("/users/create", Map.of("username", "<b>x</b>")).headers().firstValue("Location")
                .orElseThrow();

        assertTrue(server.get(URI.create(page).getPath()).body().contains("&lt;b&gt;x&lt;/b&gt;"));
    }

    @Test
    void anUnknownOrMissingIdIsNotFound(TestServer server) throws Exception {
        assertEquals(404, server.get("/user/999999").statusCode());
        assertEquals(404, server.get("/user/abc").statusCode());
        assertEquals(404, server.get("/user").statusCode());
        assertEquals(404, server.get("/user/").statusCode());
    }

    @Test
    void eachTestStartsWithNoUsers(TestServer server) throws Exception {
        assertTrue(server.get("/users").body().contains("No users yet"));
    }
}

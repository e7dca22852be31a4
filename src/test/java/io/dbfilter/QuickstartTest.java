package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dbfilter.model.User;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's quickstart samples as they are printed there: the four servlets behind a real
 * Jetty, and the scope outside a request. When this file changes, copy the samples to the README.
 */
class QuickstartTest {

    // --- README: "Query the data" ---

    public static class UserListServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            List<User> users = Db.session()
                    .createQuery("select u from User u order by u.username", User.class)
                    .getResultList();
            for (User user : users) {
                response.getWriter().println(user.getUsername());
            }
        }
    }

    public static class UserCreateServlet extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            User user = new User(request.getParameter("username"));
            user.setEmail(request.getParameter("email"));
            Db.session().persist(user);
            Db.commit();
            response.sendRedirect("/user/" + user.getId());
        }
    }

    public static class UserDetailServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String path = request.getPathInfo(); // "/42", or null when the URL has no id
            User user = Db.getOr404(User.class, path == null ? "" : path.substring(1));
            response.getWriter().println(user.getUsername() + " <" + user.getEmail() + ">");
        }
    }

    public static class UserDeleteServlet extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String path = request.getPathInfo(); // "/42", or null when the URL has no id
            User user = Db.getOr404(User.class, path == null ? "" : path.substring(1));
            Db.session().remove(user);
            Db.commit();
            response.sendRedirect("/users");
        }
    }

    // --- end of the README's servlets ---

    private TestServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(TestDatabases.settings(), Map.of(
                "/users", new UserListServlet(),
                "/users/create", new UserCreateServlet(),
                "/user/*", new UserDetailServlet(),
                "/user-delete/*", new UserDeleteServlet()));
        server.database().createAll();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private HttpResponse<String> postForm(String path, String form) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theReadmeServletsCreateListShowAndDeleteUsers() throws Exception {
        var created = postForm("/users/create", "username=bob&email=bob%40example.com");
        postForm("/users/create", "username=ann&email=ann%40example.com");
        String location = created.headers().firstValue("Location").orElseThrow();
        String path = URI.create(location).getPath();

        assertEquals(302, created.statusCode());
        assertEquals("ann\nbob\n", server.get("/users").body());
        assertEquals("bob <bob@example.com>\n", server.get(path).body());
        assertEquals(404, server.get("/user/abc").statusCode());
        assertEquals(404, server.get("/user").statusCode());
        assertEquals(404, postForm("/user-delete", "").statusCode());

        var deleted = postForm(path.replace("/user/", "/user-delete/"), "");

        assertEquals(302, deleted.statusCode());
        assertEquals("ann\n", server.get("/users").body());
        assertEquals(404, server.get(path).statusCode());
    }

    @Test
    void theReadmeScopeRunsOutsideARequest() {
        // --- README: "Outside a request" ---
        try (Database db = Database.create(Map.of(
                "db.url", "jdbc:derby:memory:jobs;create=true",
                "db.entities", "io.dbfilter.model.User"))) {
            db.createAll();
            try (Scope scope = db.open()) {
                Db.session().persist(new User("ann"));
                Db.commit();
            }
            // --- end of the README's sample ---
            try (Scope scope = db.open()) {
                assertEquals(List.of("ann"), Db.session()
                        .createQuery("select u.username from User u", String.class).getResultList());
            }
        }
    }
}

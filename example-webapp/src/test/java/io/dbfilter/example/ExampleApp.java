package io.dbfilter.example;

import io.dbfilter.Database;
import io.dbfilter.DbFilter;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.jsoup.Jsoup;

/**
 * The example application started on a free port with a fresh database (the system properties win
 * over web.xml, as in production), and browser-like HTTP clients for it: each {@link Browser} keeps
 * its own cookies, so several can act at once.
 */
final class ExampleApp implements AutoCloseable {
    private static final List<String> SETTINGS = List.of("db.url", "db.user", "db.password");

    private final Server server;
    private final TestDatabase.Fresh database;
    private final Browser browser = browser();

    private ExampleApp(Server server, TestDatabase.Fresh database) {
        this.server = server;
        this.database = database;
    }

    /** The application on a fresh in-memory Derby database. */
    static ExampleApp start() throws Exception {
        return start(TestDatabase.DERBY, Map.of());
    }

    /** The application on a fresh database of the given kind; skips the test when its server is unreachable. */
    static ExampleApp start(TestDatabase kind) throws Exception {
        return start(kind, Map.of());
    }

    /** Starts it with more system properties (such as {@code threads} or {@code db.pool.*}) for the start only. */
    static ExampleApp start(Map<String, String> properties) throws Exception {
        return start(TestDatabase.DERBY, properties);
    }

    private static ExampleApp start(TestDatabase kind, Map<String, String> properties) throws Exception {
        TestDatabase.Fresh database = kind.fresh();
        setOrClear("db.url", database.url());
        setOrClear("db.user", database.user());
        setOrClear("db.password", database.password());
        properties.forEach(System::setProperty);
        try {
            return new ExampleApp(Main.start(0), database);
        } catch (Exception | Error e) {
            database.close();
            throw e;
        } finally {
            SETTINGS.forEach(System::clearProperty);
            properties.keySet().forEach(System::clearProperty);
        }
    }

    private static void setOrClear(String key, String value) {
        if (value == null || value.isEmpty()) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    /** The pool of threads that Jetty serves requests on. */
    ThreadPool threadPool() {
        return server.getThreadPool();
    }

    /** The application's Database, as its servlets see it. */
    Database database() {
        return DbFilter.database(((WebAppContext) server.getHandler()).getServletContext());
    }

    /** Maps a servlet that only a test needs into the running application, behind its DbFilter. */
    void addServlet(String path, HttpServlet servlet) {
        ((WebAppContext) server.getHandler()).addServlet(new ServletHolder(servlet), path);
    }

    /** A new visitor, with cookies of its own. */
    Browser browser() {
        return new Browser();
    }

    URI uri(String path) {
        return server.getURI().resolve(path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return browser.get(path);
    }

    HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        return browser.post(path, form);
    }

    HttpResponse<String> submit(String formPage, String action, Map<String, String> fields)
            throws IOException, InterruptedException {
        return browser.submit(formPage, action, fields);
    }

    String create(String username, String email) throws IOException, InterruptedException {
        return browser.create(username, email);
    }

    /** How many HTTP sessions the application has created since it started. */
    int sessionsCreated() {
        return ((WebAppContext) server.getHandler()).getSessionHandler().getSessionsCreated();
    }

    static String formBody(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            database.close();
        }
    }

    /** One visitor: an HTTP client that keeps its cookies and does not follow redirects. */
    final class Browser {
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        private String token;

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(uri(path)));
        }

        HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(formBody(form))));
        }

        HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        /** The CSRF token in the form on {@code formPage}, as this visitor's browser would see it. */
        String tokenOf(String formPage) throws IOException, InterruptedException {
            return Jsoup.parse(get(formPage).body()).select("input[name=csrf]").val();
        }

        /** Posts a form the way a browser would: with the CSRF token of the page that shows it. */
        HttpResponse<String> submit(String formPage, String action, Map<String, String> fields)
                throws IOException, InterruptedException {
            token = tokenOf(formPage);
            return postWithToken(action, fields);
        }

        /** Fetches this visitor's CSRF token now, so that many posts can then run at once. */
        void fetchToken() throws IOException, InterruptedException {
            token = tokenOf("/users/create");
        }

        /** Posts a form with this visitor's CSRF token, fetched once. */
        HttpResponse<String> postWithToken(String action, Map<String, String> fields)
                throws IOException, InterruptedException {
            if (token == null) {
                token = tokenOf("/users/create");
            }
            var form = new LinkedHashMap<>(fields);
            form.put("csrf", token);
            return post(action, form);
        }

        /** Creates a user through the form and returns the path of its page. */
        String create(String username, String email) throws IOException, InterruptedException {
            HttpResponse<String> response = submit("/users/create", "/users/create",
                    Map.of("username", username, "email", email));
            if (response.statusCode() != 302) {
                throw new AssertionError("creating " + username + " answered " + response.statusCode());
            }
            return URI.create(response.headers().firstValue("Location").orElseThrow()).getPath();
        }
    }
}

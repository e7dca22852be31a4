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
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.jsoup.Jsoup;

/**
 * The example application started on a free port with a fresh in-memory database (the system
 * property wins over web.xml, as in production), and browser-like HTTP clients for it: each
 * {@link Browser} keeps its own session cookie, so several can act at once.
 */
final class ExampleApp implements AutoCloseable {
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final Server server;
    private final Browser browser = browser();

    private ExampleApp(Server server) {
        this.server = server;
    }

    static ExampleApp start() throws Exception {
        return start(Map.of());
    }

    /** Starts it with more system properties (such as {@code threads} or {@code db.pool.*}) for the start only. */
    static ExampleApp start(Map<String, String> properties) throws Exception {
        var set = new LinkedHashMap<>(properties);
        set.put("db.url", "jdbc:derby:memory:example" + COUNT.incrementAndGet() + ";create=true");
        set.forEach(System::setProperty);
        try {
            return new ExampleApp(Main.start(0));
        } finally {
            set.keySet().forEach(System::clearProperty);
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

    /** A new visitor, with a session of its own. */
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

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** One visitor: an HTTP client that keeps its cookies and does not follow redirects. */
    final class Browser {
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        private String token;

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
            String body = form.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return client.send(HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        /** Posts a form the way a browser would: with the CSRF token of the page that shows it. */
        HttpResponse<String> submit(String formPage, String action, Map<String, String> fields)
                throws IOException, InterruptedException {
            token = Jsoup.parse(get(formPage).body()).select("input[name=csrf]").val();
            return postWithToken(action, fields);
        }

        /** Opens the session and fetches its CSRF token now, so that many posts can then run at once. */
        void fetchToken() throws IOException, InterruptedException {
            token = Jsoup.parse(get("/users/create").body()).select("input[name=csrf]").val();
        }

        /** Posts a form with the session's CSRF token, fetching it once per session. */
        HttpResponse<String> postWithToken(String action, Map<String, String> fields)
                throws IOException, InterruptedException {
            if (token == null) {
                token = Jsoup.parse(get("/users/create").body()).select("input[name=csrf]").val();
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

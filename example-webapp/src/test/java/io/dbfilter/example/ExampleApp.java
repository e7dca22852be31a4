package io.dbfilter.example;

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
import org.eclipse.jetty.server.Server;
import org.jsoup.Jsoup;

/**
 * The example application started on a free port with a fresh in-memory database (the system
 * property wins over web.xml, as in production), and a cookie-keeping HTTP client for it.
 */
final class ExampleApp implements AutoCloseable {
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final Server server;
    final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private ExampleApp(Server server) {
        this.server = server;
    }

    static ExampleApp start() throws Exception {
        System.setProperty("db.url", "jdbc:derby:memory:example" + COUNT.incrementAndGet() + ";create=true");
        try {
            return new ExampleApp(Main.start(0));
        } finally {
            System.clearProperty("db.url");
        }
    }

    URI uri(String path) {
        return server.getURI().resolve(path);
    }

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
        String token = Jsoup.parse(get(formPage).body()).select("input[name=csrf]").val();
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

    @Override
    public void close() throws Exception {
        server.stop();
    }
}

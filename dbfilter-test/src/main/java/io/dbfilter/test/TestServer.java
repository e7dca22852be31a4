package io.dbfilter.test;

import io.dbfilter.Database;
import io.dbfilter.DbFilter;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * The application of a {@link DbTest} class, started on an embedded Jetty on a free port of
 * 127.0.0.1, with the class's Database: its requests run in the test's transaction. It is started
 * once per class and stopped after the class's last test.
 *
 * <p>{@link #get} and {@link #post} send requests as one browser would: cookies kept between
 * requests, redirects not followed, so that a test sees the 302 and its {@code Location}.
 *
 * @since 0.1
 */
public final class TestServer {
    private final Server server;
    private final HttpClient client;

    private TestServer(Server server) {
        this.server = server;
        this.client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Starts the web application, or the servlets behind DbFilter, on {@code database}. */
    static TestServer start(Database database, WebApp webApp, DbTest.Route[] routes) throws Exception {
        var server = new Server();
        var connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context;
        if (webApp != null) {
            var webapp = new WebAppContext();
            webapp.setBaseResource(ResourceFactory.of(webapp).newResource(webApp.base().toURI()));
            // The application's classes are the test's: one EclipseLink mapping, one Database, both sides.
            webapp.setParentLoaderPriority(true);
            webapp.setThrowUnavailableOnStartupException(true);
            context = webapp;
        } else {
            context = new ServletContextHandler();
            context.addFilter(DbFilter.class, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC,
                    DispatcherType.ERROR));
            for (DbTest.Route route : routes) {
                context.addServlet(route.servlet(), route.path());
            }
        }
        context.setContextPath("/");
        DbFilter.use(context.getServletContext(), database);
        server.setHandler(context);
        try {
            server.start();
        } catch (Exception | Error e) {
            server.stop();
            throw e;
        }
        return new TestServer(server);
    }

    void stop() throws Exception {
        server.stop();
    }

    /**
     * The application's root: {@code http://127.0.0.1:port/}.
     *
     * @return the base URI
     */
    public URI baseUri() {
        return server.getURI().resolve("/");
    }

    /**
     * A path of the application as an absolute URI.
     *
     * @param path the path, such as {@code "/users?page=2"}
     * @return the URI to request
     */
    public URI uri(String path) {
        return baseUri().resolve(path);
    }

    /**
     * Sends a GET.
     *
     * @param path the path, such as {@code "/users"}
     * @return the response, with its body as text
     * @throws IOException          when the request cannot be sent
     * @throws InterruptedException when interrupted while waiting for the response
     */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends a form as a POST ({@code application/x-www-form-urlencoded}).
     *
     * @param path the path, such as {@code "/users/create"}
     * @param form the fields
     * @return the response, with its body as text
     * @throws IOException          when the request cannot be sent
     * @throws InterruptedException when interrupted while waiting for the response
     */
    public HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        var request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "the test's application at " + baseUri();
    }
}

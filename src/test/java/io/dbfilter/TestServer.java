package io.dbfilter;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A real Jetty 12 server on a free loopback port with DbFilter mapped to every URL, and an HTTP
 * client for it. {@link #oneThread} makes a server whose requests all run on one worker thread,
 * so that a request after a failed one reuses that thread and its thread-locals.
 */
final class TestServer implements AutoCloseable {
    private final Server server;
    final ServletContextHandler context;
    private final HttpClient client = HttpClient.newHttpClient();

    private TestServer(Server server, ServletContextHandler context) {
        this.server = server;
        this.context = context;
    }

    static TestServer start(Map<String, String> settings, Map<String, ? extends Servlet> servlets) throws Exception {
        return start(settings, servlets, new QueuedThreadPool(16));
    }

    static TestServer oneThread(Map<String, String> settings, Map<String, ? extends Servlet> servlets) throws Exception {
        return oneThread(settings, servlets, "/*");
    }

    /** One request thread, with DbFilter mapped to {@code filtered} only: other URLs run without it. */
    static TestServer oneThread(Map<String, String> settings, Map<String, ? extends Servlet> servlets, String filtered)
            throws Exception {
        // One selector thread plus exactly one thread that runs requests.
        var threads = new QueuedThreadPool(2, 2);
        threads.setReservedThreads(0);
        return start(settings, servlets, threads, filtered);
    }

    private static TestServer start(Map<String, String> settings, Map<String, ? extends Servlet> servlets,
            QueuedThreadPool threads) throws Exception {
        return start(settings, servlets, threads, "/*");
    }

    /** A server whose uncaught exceptions are answered by the servlet at {@code errorPage}, an ERROR dispatch. */
    static TestServer withErrorPage(Map<String, String> settings, Map<String, ? extends Servlet> servlets, String errorPage)
            throws Exception {
        var server = start(settings, servlets);
        var handler = new org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler();
        handler.addErrorPage(Throwable.class, errorPage);
        server.context.setErrorHandler(handler);
        return server;
    }

    private static TestServer start(Map<String, String> settings, Map<String, ? extends Servlet> servlets,
            QueuedThreadPool threads, String filtered) throws Exception {
        var server = new Server(threads);
        var connector = new ServerConnector(server, 0, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        var context = new ServletContextHandler();
        context.setContextPath("/");
        var filter = new FilterHolder(DbFilter.class);
        filter.setName("db");
        filter.setAsyncSupported(true);
        filter.setInitParameters(settings);
        context.addFilter(filter, filtered, EnumSet.of(DispatcherType.REQUEST, DispatcherType.FORWARD,
                DispatcherType.INCLUDE, DispatcherType.ASYNC, DispatcherType.ERROR));
        servlets.forEach((path, servlet) -> {
            var holder = new ServletHolder(servlet);
            holder.setAsyncSupported(true);
            context.addServlet(holder, path);
        });
        server.setHandler(context);
        server.start();
        return new TestServer(server, context);
    }

    Database database() {
        return DbFilter.database(context.getServletContext());
    }

    URI uri(String path) {
        return server.getURI().resolve(path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}

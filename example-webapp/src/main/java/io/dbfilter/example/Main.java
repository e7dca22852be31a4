package io.dbfilter.example;

import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * Starts the example application on embedded Jetty 12, deployed from its own {@code WEB-INF/web.xml}
 * exactly as a standalone servlet container would deploy it.
 *
 * <p>The port comes from {@code -Dport=}, else the {@code PORT} environment variable, else 8080;
 * port 0 picks a free one. The URL served is printed once the application is ready.
 *
 * <p>{@code -Dthreads=virtual} serves every request on a virtual thread of its own (Jetty's
 * {@code VirtualThreadPool}); on Java before 21, which has none, it is ignored with a one-line note.
 * {@code -Dthreads=platform}, or nothing, keeps Jetty's usual pool of platform threads.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Server server = start(port());
        System.out.println("dbfilter example: serving " + server.getURI().resolve("/users"));
        server.join();
    }

    /** Starts the server on {@code port} (0 for a free one) and returns it once the application is up. */
    public static Server start(int port) throws Exception {
        var server = new Server(threadPool());
        var connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        var webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setBaseResource(ResourceFactory.of(webapp).newClassLoaderResource("webapp"));
        // A wrong setting in web.xml must stop the start, not leave a server answering 503.
        webapp.setThrowUnavailableOnStartupException(true);
        server.setHandler(webapp);
        server.setStopAtShutdown(true);
        server.start();
        return server;
    }

    private static ThreadPool threadPool() {
        String value = System.getProperty("threads", "").strip();
        switch (value) {
            case "", "platform" -> {
                return new QueuedThreadPool();
            }
            case "virtual" -> {
                if (Runtime.version().feature() >= 21) {
                    return new VirtualThreadPool();
                }
                System.out.println("dbfilter example: threads=virtual ignored, Java " + Runtime.version().feature()
                        + " has no virtual threads (Java 21 or later has): serving on platform threads");
                return new QueuedThreadPool();
            }
            default -> throw new IllegalArgumentException("threads must be platform or virtual, not '" + value + "'");
        }
    }

    private static int port() {
        String value = System.getProperty("port");
        if (value == null || value.isBlank()) {
            value = System.getenv("PORT");
        }
        if (value == null || value.isBlank()) {
            return 8080;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be a number (0 for a free port), not '" + value + "'", e);
        }
    }
}

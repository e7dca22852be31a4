package ${package};

import java.net.InetSocketAddress;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;

/**
 * Runs the application on embedded Jetty, deployed from src/main/webapp/WEB-INF/web.xml as a servlet
 * container deploys the war: {@code mvn compile exec:exec} (add {@code -Dport=9090}; 0 picks a free port).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Server server = start(Integer.getInteger("port", 8080));
        System.out.println("serving " + server.getURI().resolve("/users"));
        server.join();
    }

    /** Starts the server on {@code port} and returns once the application is up (or throws why not). */
    public static Server start(int port) throws Exception {
        var server = new Server(new InetSocketAddress("127.0.0.1", port));
        var webapp = new WebAppContext("src/main/webapp", "/");
        // A wrong setting in web.xml must stop the start, not leave a server answering 503.
        webapp.setThrowUnavailableOnStartupException(true);
        server.setHandler(webapp);
        server.setStopAtShutdown(true);
        server.start();
        return server;
    }
}

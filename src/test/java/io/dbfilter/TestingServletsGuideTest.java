package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dbfilter.model.User;
import jakarta.servlet.DispatcherType;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/testing.md's second sample, run as written: an application's servlet behind DbFilter on Jetty. */
class TestingServletsGuideTest {
    // --- docs/testing.md: a servlet behind DbFilter on an embedded Jetty ---
    private static Server server;
    private static ServletContextHandler context;
    private static final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void startServer() throws Exception {
        server = new Server(0); // a free port
        context = new ServletContextHandler();
        FilterHolder filter = context.addFilter(DbFilter.class, "/*", EnumSet.of(DispatcherType.REQUEST));
        filter.setInitParameter("db.url", "jdbc:derby:memory:servlets;create=true");
        filter.setInitParameter("db.packages", "io.dbfilter.model");
        context.addServlet(QuickstartTest.UserListServlet.class, "/users");
        server.setHandler(context);
        server.start(); // DbFilter starts the Database and creates the tables
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.stop(); // DbFilter closes the Database
    }

    @Test
    void theListShowsUsersInNameOrder() throws Exception {
        try (Scope scope = DbFilter.database(context.getServletContext()).open()) {
            Db.session().persist(new User("bob"));
            Db.session().persist(new User("ann"));
            Db.commit();
        }

        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(server.getURI().resolve("/users")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals("ann\nbob\n", response.body());
    }
    // --- end of the sample ---
}

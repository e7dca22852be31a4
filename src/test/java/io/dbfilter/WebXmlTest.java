package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.dbfilter.model.User;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;

/** DbFilter and DbBootstrapListener declared in a real web.xml, deployed the way a servlet container does. */
class WebXmlTest {
    /** Lists users and adds one on POST, committing. */
    public static class UsersServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.getWriter().print(Db.session().createQuery("select u.username from User u order by u.username",
                    String.class).getResultList());
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) {
            Db.session().persist(new User(request.getParameter("name")));
            Db.commit();
        }
    }

    private static WebAppContext webapp(String name) {
        var webapp = new WebAppContext();
        webapp.setContextPath("/");
        webapp.setWar(Path.of("src/test/resources/webapps", name).toAbsolutePath().toString());
        webapp.setThrowUnavailableOnStartupException(true);
        return webapp;
    }

    @Test
    void listenerBuildsTheDatabaseFromTheFiltersInitParamsAndCreatesTablesAtStart() throws Exception {
        var server = new Server(0);
        WebAppContext webapp = webapp("good");
        server.setHandler(webapp);
        server.start();
        try {
            Database db = DbFilter.database(webapp.getServletContext());
            // Tables exist before the first request: the listener ran createAll.
            try (var connection = db.dataSource().getConnection();
                    var tables = connection.getMetaData().getTables(null, null, "user", null)) {
                assertTrue(tables.next(), "table user was not created at start");
            }
            // The init-param db.packages beat the context-param; the context-param db.pool.* still applies.
            assertEquals(3, db.dataSource().unwrap(HikariDataSource.class).getMaximumPoolSize());

            var client = HttpClient.newHttpClient();
            URI users = server.getURI().resolve("/users");
            client.send(HttpRequest.newBuilder(URI.create(users + "?name=ann")).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.discarding());
            assertEquals("[ann]", client.send(HttpRequest.newBuilder(users).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } finally {
            server.stop();
        }
        assertFalse(webapp.getServletContext().getAttribute(DbFilter.ATTRIBUTE) instanceof Database,
                "the Database outlived its web application");
    }

    @Test
    void aDatabaseGivenBeforeTheStartIsUsedByListenerAndFilterAndOutlivesTheApplication() throws Exception {
        try (Database given = Database.create(Map.of("db.url", "jdbc:derby:memory:given;create=true",
                "db.packages", "io.dbfilter.model"))) {
            given.createAll();
            var server = new Server(0);
            WebAppContext webapp = webapp("good");
            DbFilter.use(webapp.getServletContext(), given);
            server.setHandler(webapp);
            server.start();
            try {
                assertSame(given, DbFilter.database(webapp.getServletContext()));
                var client = HttpClient.newHttpClient();
                client.send(HttpRequest.newBuilder(URI.create(server.getURI().resolve("/users") + "?name=bea"))
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
                try (Database other = Database.create(Map.of("db.url", "jdbc:derby:memory:other;create=true",
                        "db.packages", "io.dbfilter.model"))) {
                    var refused = assertThrows(IllegalStateException.class, () -> DbFilter.use(webapp.getServletContext(), other));
                    assertTrue(refused.getMessage().contains("already has a Database"), refused.getMessage());
                }
            } finally {
                server.stop();
            }
            try (Scope scope = given.open()) {
                assertEquals(List.of("bea"), Db.session().createQuery("select u.username from User u", String.class)
                        .getResultList(), "the request did not use the given Database, or it was closed");
            }
        }
    }

    @Test
    void aTypoInWebXmlFailsTheDeploymentWithTheFix() {
        var server = new Server(0);
        server.setHandler(webapp("typo"));
        try {
            var error = assertThrows(Exception.class, server::start);
            Throwable cause = error;
            while (cause.getCause() != null && !cause.getMessage().startsWith("dbfilter:")) {
                cause = cause.getCause();
            }
            assertEquals("dbfilter: unknown setting db.uri (init-param of filter 'db'). Did you mean db.url?",
                    cause.getMessage().substring(0, cause.getMessage().indexOf('?') + 1));
        } finally {
            try {
                server.stop();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }
}

package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.dbfilter.binds.Customer;
import io.dbfilter.binds.Visit;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Binds behind DbFilter. The servlets at the top are the worked example of docs/binds.md, run as
 * printed there: when they change, copy them to the doc.
 */
class BindsHttpTest {

    // --- docs/binds.md: "Using the binds" ---

    public static class SignupServlet extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Customer customer = new Customer(request.getParameter("name"));
            Db.session().persist(customer);                          // the default bind
            Db.session("analytics").persist(new Visit("/signup"));   // the bind "analytics"
            Db.commit();                                             // both, the default bind first
            response.sendRedirect("/customer/" + customer.getId());
        }
    }

    public static class CustomerServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Customer customer = Db.getOr404(Customer.class, request.getPathInfo().substring(1));
            response.getWriter().println(customer.getName());
        }
    }

    public static class VisitListServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            var query = Db.sessionFor(Visit.class)
                    .createQuery("select v from Visit v order by v.id", Visit.class);
            Pagination<Visit> page = Db.paginate(query);
            response.getWriter().println(page.total() + " visits");
            for (Visit visit : page) {
                response.getWriter().println(visit.getPath());
            }
        }
    }

    // --- end of the worked example ---

    private static Map<String, Servlet> example() {
        return Map.of("/signup", new SignupServlet(), "/customer/*", new CustomerServlet(),
                "/visits", new VisitListServlet());
    }

    @Test
    void theWorkedExampleStoresInBothDatabasesAndReadsEachFromItsBind() throws Exception {
        try (var server = TestServer.start(BindsTest.settings(), example())) {
            assertEquals(302, server.post("/signup?name=ann").statusCode());
            assertEquals(302, server.post("/signup?name=bob").statusCode());

            assertEquals("ann", server.get("/customer/1").body().strip());
            assertEquals(404, server.get("/customer/99").statusCode());
            assertEquals("2 visits\n/signup\n/signup", server.get("/visits?per_page=5").body().strip());
            assertEquals(2, BindsTest.rows(server.database().dataSource(), "customer"));
            assertEquals(2, BindsTest.rows(server.database().dataSource("analytics"), "visit"));
            assertEquals(0, server.database().openSessions());
        }
    }

    @Test
    void aRequestThatUsesOneBindTakesAConnectionOfThatBindsPoolOnly() throws Exception {
        var servlets = Map.<String, Servlet>of("/visit", FilterTest.servlet((request, response) -> {
            Db.session("analytics").persist(new Visit("/"));
            // A flushed transaction holds its connection until it ends.
            Db.session("analytics").flush();
            Database db = Db.database();
            response.getWriter().print(active(db, null) + " " + active(db, "analytics") + " "
                    + Db.current().hasSession());
        }));
        try (var server = TestServer.start(BindsTest.settings(), servlets)) {
            assertEquals("0 1 false", server.post("/visit").body());
            assertEquals(0, server.database().openSessions());
        }
    }

    private static int active(Database db, String bind) throws IOException {
        try {
            return db.dataSource(bind).unwrap(HikariDataSource.class).getHikariPoolMXBean().getActiveConnections();
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }

    @Test
    void startUpCreatesTheTablesOfEveryBindUnlessItsCreateAllIsOff() throws Exception {
        try (var server = TestServer.start(BindsTest.settings(), Map.of())) {
            assertTrue(BindsTest.hasTable(server.database().dataSource(), "customer"));
            assertTrue(BindsTest.hasTable(server.database().dataSource("analytics"), "visit"));
        }
        try (var server = TestServer.start(BindsTest.settings("db.bind.analytics.createAll", "false"), Map.of())) {
            assertTrue(BindsTest.hasTable(server.database().dataSource(), "customer"));
            assertFalse(BindsTest.hasTable(server.database().dataSource("analytics"), "visit"));
        }
    }

    @Test
    void aBindsCreateAllFollowsTheDefaultBindsUnlessSet() throws Exception {
        try (var server = TestServer.start(BindsTest.settings("db.createAll", "false"), Map.of())) {
            assertFalse(BindsTest.hasTable(server.database().dataSource(), "customer"));
            assertFalse(BindsTest.hasTable(server.database().dataSource("analytics"), "visit"));
        }
    }
}

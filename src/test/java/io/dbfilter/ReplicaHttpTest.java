package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.replicas.Account;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A replica seen from HTTP, with two embedded Derby databases for the primary and the replica: the
 * read-your-writes cookie, the Server-Timing header and the meters that tell the servers apart.
 */
class ReplicaHttpTest {
    private Database replica;
    private TestServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    /** GET: the names it reads. POST: persists one account and commits; {@code ?commit=no} only reads. */
    static final class Accounts extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.getWriter().print(String.join(",", Db.session()
                    .createQuery("SELECT a.name FROM Account a ORDER BY a.id", String.class).getResultList()));
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (request.getParameter("id") != null) {
                Db.session().persist(new Account(Long.parseLong(request.getParameter("id")), "posted", 0));
            }
            if (request.getParameter("rollback") != null) {
                Db.session().flush();
                Db.rollback();
            }
            Db.commit();
            response.setStatus(204);
        }
    }

    @BeforeEach
    void start() throws Exception {
        String primaryUrl = TestDatabases.memoryUrl();
        String replicaUrl = TestDatabases.memoryUrl();
        replica = Database.create(Map.of("db.url", replicaUrl, "db.packages", "io.dbfilter.replicas"));
        replica.createAll();
        ReplicaRoutingTest.sql(replicaUrl, "INSERT INTO account (id, name, balance, version) VALUES (1, 'replica', 0, 1)");
        server = TestServer.start(Map.of("db.url", primaryUrl, "db.replica.url", replicaUrl, "db.packages",
                "io.dbfilter.replicas", "db.recordQueries", "true", "db.serverTiming", "true", "db.metrics", "true",
                "db.replica.secret", "test-secret"), Map.of("/accounts", new Accounts()));
        server.database().createAll();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        replica.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String cookie) throws Exception {
        var request = HttpRequest.newBuilder(server.uri("/accounts"));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request);
    }

    private HttpResponse<String> post(String query) throws Exception {
        return send(HttpRequest.newBuilder(server.uri("/accounts" + query)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    @Test
    void aCommitThatWroteSetsTheCookieAndTheCookieSendsReadsToThePrimary() throws Exception {
        HttpResponse<String> posted = post("?id=2");
        String setCookie = posted.headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        assertTrue(setCookie.contains("Path=/") && setCookie.contains("HttpOnly") && setCookie.contains("Max-Age=5"),
                setCookie);
        assertEquals("posted", get(cookie).body());
        assertEquals("replica", get(null).body());
    }

    @Test
    void aCommitThatWroteNothingSetsNoCookie() throws Exception {
        assertTrue(post("").headers().firstValue("Set-Cookie").isEmpty());
    }

    @Test
    void aWriteThatWasRolledBackSetsNoCookie() throws Exception {
        assertTrue(post("?id=4&rollback=yes").headers().firstValue("Set-Cookie").isEmpty());
    }

    @Test
    void aCookieWithAForgedSignatureIsIgnored() throws Exception {
        String forged = "dbfilter-primary=" + (System.currentTimeMillis() + 3000) + ".AAAAAAAAAAAAAAAAAAAAAA";

        assertEquals("replica", get(forged).body());
    }

    @Test
    void serverTimingSplitsThePrimaryFromTheReplica() throws Exception {
        String onlyReplica = get(null).headers().firstValue("Server-Timing").orElseThrow();

        assertTrue(onlyReplica.matches("db;dur=[0-9.]+;desc=\"1 query\", db-primary;dur=0\\.000;desc=\"0 queries\","
                + " db-replica;dur=[0-9.]+;desc=\"1 query\""), onlyReplica);
    }

    @Test
    void theMetersCountEachServersStatements() throws Exception {
        var registry = new SimpleMeterRegistry();
        server.database().recordMetrics(registry);

        get(null);
        post("?id=3");
        String name = server.database().name();

        assertEquals(1.0, registry.get("dbfilter.statements").tags("database", name, "server", "replica").counter()
                .count());
        assertTrue(registry.get("dbfilter.statements").tags("database", name, "server", "primary").counter()
                .count() >= 1.0);
        assertEquals(1.0, registry.get("dbfilter.replica.usable").tags("database", name, "bind", "default").gauge()
                .value());
    }
}

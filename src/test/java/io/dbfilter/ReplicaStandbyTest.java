package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.replicas.Account;
import jakarta.persistence.RollbackException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Read replicas against the real thing: the local PostgreSQL server as the primary and its
 * streaming standby ({@code .ci/standby.sh}) as the replica. Where a statement ran is proven with
 * {@code pg_is_in_recovery()} on the same route, lag with {@code pg_wal_replay_pause()}, and an
 * outage by stopping the standby.
 */
class ReplicaStandbyTest {
    private static final Duration REPLICATION = Duration.ofSeconds(30);

    private TestServers.Schema schema;
    private String replicaUrl;
    private TestServer server;

    /** GET: the names, the servers of the recorded statements, and what pg_is_in_recovery() said on the same route. */
    static final class Accounts extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (request.getParameter("write") != null) {
                Db.session().persist(new Account(Long.parseLong(request.getParameter("write")), "written", 1));
            }
            List<String> names = Db.session().createQuery("SELECT a.name FROM Account a ORDER BY a.id", String.class)
                    .getResultList();
            // JPQL, not a native query: EclipseLink runs native SQL in the primary's transaction, as a write.
            Object recovery = Db.session().createQuery("SELECT FUNCTION('pg_is_in_recovery') FROM Account a"
                    + " WHERE a.id = 1").getSingleResult();
            String servers = Db.recordedQueries().stream().map(RecordedQuery::server).collect(Collectors.joining(","));
            response.getWriter().print("names=" + String.join(",", names) + " servers=" + servers + " recovery="
                    + recovery);
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Db.session().persist(new Account(Long.parseLong(request.getParameter("id")), request.getParameter("name"), 0));
            Db.commit();
            response.sendRedirect("/accounts");
        }
    }

    @BeforeEach
    void start() throws Exception {
        schema = TestServers.create(TestServers.Kind.POSTGRESQL);
        replicaUrl = Standby.replicaOf(schema);
        Standby.sql("SELECT pg_wal_replay_resume()");
    }

    private void serve(String... extra) throws Exception {
        Map<String, String> settings = schema.settings("io.dbfilter.replicas", extra);
        settings.put("db.replica.url", replicaUrl);
        settings.put("db.recordQueries", "true");
        settings.put("db.createAll", "true");
        server = TestServer.start(settings, Map.of("/accounts", new Accounts()));
        insertOnThePrimary(1, "first");
        awaitOnTheStandby("SELECT 1 FROM " + schema.name() + ".account WHERE id = 1");
    }

    @AfterEach
    void stop() throws Exception {
        try {
            // A test that failed between stopping and starting the standby must not leave it stopped.
            Standby.script("--start");
            Standby.sql("SELECT pg_wal_replay_resume()");
        } finally {
            if (server != null) {
                server.close();
            }
            schema.close();
        }
    }

    private void insertOnThePrimary(long id, String name) throws SQLException {
        try (Connection connection = schema.connect(); var sql = connection.createStatement()) {
            sql.execute("INSERT INTO account (id, name, balance, version) VALUES (" + id + ", '" + name + "', 100, 1)");
        }
    }

    private static void awaitOnTheStandby(String query) throws InterruptedException {
        Standby.await("the standby has replayed: " + query, REPLICATION, () -> {
            try (Connection connection = Standby.connect(); var sql = connection.createStatement();
                    var row = sql.executeQuery(query)) {
                return row.next();
            } catch (SQLException notYet) {
                return false;
            }
        });
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    }

    private String get(HttpClient client, String path) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    private HttpResponse<String> post(HttpClient client, long id, String name) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri("/accounts?id=" + id + "&name=" + name))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRequestThatOnlyReadsRunsEveryStatementOnTheStandby() throws Exception {
        serve();

        assertEquals("names=first servers=replica,replica recovery=true", get(browser(), "/accounts"));
    }

    @Test
    void aRequestThatWritesThenReadsRunsTheReadOnThePrimaryAndSeesItsWrite() throws Exception {
        serve();

        String body = get(browser(), "/accounts?write=2");

        assertTrue(body.startsWith("names=first,written servers="), body);
        assertTrue(body.endsWith(" recovery=false"), body);
        assertFalse(body.contains("replica"), body);
    }

    @Test
    void withReplayPausedTheClientThatPostedSeesItsRowAndAnotherSeesTheStandbyUntilReplayResumes() throws Exception {
        serve("db.replica.maxLag", "3600000");
        HttpClient writer = browser();
        HttpClient other = browser();
        Standby.sql("SELECT pg_wal_replay_pause()");

        HttpResponse<String> posted = post(writer, 2, "mine");
        assertEquals(302, posted.statusCode(), posted.body());
        String cookie = posted.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith("dbfilter-primary="), cookie);
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Max-Age=5"),
                cookie);

        assertEquals("names=first,mine servers=primary,primary recovery=false", get(writer, "/accounts"));
        assertEquals("names=first servers=replica,replica recovery=true", get(other, "/accounts"));

        Standby.sql("SELECT pg_wal_replay_resume()");
        awaitOnTheStandby("SELECT 1 FROM " + schema.name() + ".account WHERE id = 2");
        assertEquals("names=first,mine servers=replica,replica recovery=true", get(other, "/accounts"));
    }

    @Test
    void aStandbyThatLagsMoreThanMaxLagIsSkippedUntilItCatchesUp() throws Exception {
        serve("db.replica.maxLag", "1000");
        HttpClient client = browser();
        Standby.sql("SELECT pg_wal_replay_pause()");
        insertOnThePrimary(2, "later");

        String log = Standby.log(() -> {
            try {
                Standby.await("reads skip the lagging standby", REPLICATION,
                        () -> body(client).equals("names=first,later servers=primary,primary recovery=false"));
                Standby.sql("SELECT pg_wal_replay_resume()");
                Standby.await("reads return to the standby", REPLICATION,
                        () -> body(client).equals("names=first,later servers=replica,replica recovery=true"));
            } catch (InterruptedException | SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        assertEquals(1, log.lines().filter(line -> line.contains("WARN") && line.contains("more than db.replica.maxLag"))
                .count(), log);
        assertTrue(log.contains("serves reads again"), log);
    }

    private String body(HttpClient client) {
        try {
            return get(client, "/accounts");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withTheStandbyStoppedReadsGoToThePrimaryWithOneWarningAndReturnWhenItIsBack() throws Exception {
        serve();
        HttpClient client = browser();
        assertEquals("names=first servers=replica,replica recovery=true", get(client, "/accounts"));

        String log = Standby.log(() -> {
            try {
                Standby.script("--stop");
                for (int i = 0; i < 5; i++) {
                    // A read that met pooled connections the stop had closed is recorded once for each, then runs
                    // again on the primary.
                    String body = get(client, "/accounts");
                    assertTrue(body.matches("names=first servers=(replica,)*primary,primary recovery=false"), body);
                }
                Standby.script("--start");
                Standby.await("reads return to the standby", REPLICATION,
                        () -> body(client).equals("names=first servers=replica,replica recovery=true"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // HikariCP adds a line of its own for each pooled connection the stop closed.
        assertEquals(1, log.lines().filter(line -> line.contains("WARN io.dbfilter")).count(), log);
        assertTrue(log.contains("the replica dbfilter-") && log.contains("cannot be reached"), log);
        assertTrue(log.contains("serves reads again"), log);
    }

    @Test
    void anEntityReadOnTheStandbyChangedAndCommittedEndsUpOnThePrimary() throws Exception {
        serve();
        try (Scope scope = server.database().open()) {
            Account account = Db.session().find(Account.class, 1L);
            assertEquals("replica", Db.recordedQueries().get(0).server());
            account.setBalance(account.getBalance() + 5);
            Db.commit();
        }
        try (Connection connection = schema.connect(); var sql = connection.createStatement();
                var row = sql.executeQuery("SELECT balance, version FROM account WHERE id = 1")) {
            row.next();
            assertEquals(105, row.getInt(1));
            assertEquals(2, row.getLong(2));
        }
    }

    @Test
    void aVersionReadOnALaggingStandbyIsCheckedAgainstThePrimaryRowAndNothingIsLost() throws Exception {
        serve("db.replica.maxLag", "3600000");
        Standby.sql("SELECT pg_wal_replay_pause()");
        try (Connection connection = schema.connect(); var sql = connection.createStatement()) {
            sql.execute("UPDATE account SET balance = 150, version = 2 WHERE id = 1");
        }
        try (Scope scope = server.database().open()) {
            Account stale = Db.session().find(Account.class, 1L);
            assertEquals(100, stale.getBalance(), "read on the paused standby");
            stale.setBalance(stale.getBalance() - 10);
            assertThrows(RollbackException.class, Db::commit);
        }
        try (Connection connection = schema.connect(); var sql = connection.createStatement();
                var row = sql.executeQuery("SELECT balance, version FROM account WHERE id = 1")) {
            row.next();
            assertEquals(150, row.getInt(1), "the primary keeps the newer update");
            assertEquals(2, row.getLong(2));
        }
    }
}

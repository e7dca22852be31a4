package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.replicas.Account;
import io.dbfilter.replicas.Note;
import io.dbfilter.replicas.Visit;
import jakarta.persistence.LockModeType;
import jakarta.persistence.RollbackException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which server a scope's statements run on, with two embedded Derby databases standing for a
 * primary and its replica: they hold different rows, so what a read returns says where it ran, and
 * the recorded queries must say the same. The real streaming standby is {@code ReplicaStandbyTest}.
 */
class ReplicaRoutingTest {
    private String primaryUrl;
    private String replicaUrl;
    private Database database;
    private Database replica;

    @BeforeEach
    void start() throws Exception {
        primaryUrl = TestDatabases.memoryUrl();
        replicaUrl = TestDatabases.memoryUrl();
        // The replica's tables, as streaming replication would have copied them; kept open, as closing the last
        // Database on an in-memory Derby database drops it.
        replica = Database.create(Map.of("db.url", replicaUrl, "db.packages", "io.dbfilter.replicas"));
        replica.createAll();
        database = Database.create(settings());
        database.createAll();
        sql(primaryUrl, "INSERT INTO account (id, name, balance, version) VALUES (1, 'on the primary', 150, 2)");
        sql(replicaUrl, "INSERT INTO account (id, name, balance, version) VALUES (1, 'on the replica', 100, 1)");
        sql(primaryUrl, "INSERT INTO note (id, text, stars) VALUES (1, 'primary', 5)");
        sql(replicaUrl, "INSERT INTO note (id, text, stars) VALUES (1, 'replica', 3)");
    }

    private Map<String, String> settings(String... extra) {
        var settings = new HashMap<String, String>();
        settings.put("db.url", primaryUrl);
        settings.put("db.replica.url", replicaUrl);
        settings.put("db.packages", "io.dbfilter.replicas");
        settings.put("db.recordQueries", "true");
        for (int i = 0; i < extra.length; i += 2) {
            settings.put(extra[i], extra[i + 1]);
        }
        return settings;
    }

    @AfterEach
    void stop() {
        database.close();
        replica.close();
    }

    static void sql(String url, String statement) throws Exception {
        try (Connection connection = DriverManager.getConnection(url); var sql = connection.createStatement()) {
            sql.execute(statement);
        }
    }

    private static List<String> names() {
        return Db.session().createQuery("SELECT a.name FROM Account a ORDER BY a.id", String.class).getResultList();
    }

    private static List<String> servers() {
        return Db.recordedQueries().stream().map(RecordedQuery::server).toList();
    }

    @Test
    void aScopeThatOnlyReadsRunsEveryStatementOnTheReplica() {
        try (Scope scope = database.open()) {
            assertEquals(List.of("on the replica"), names());
            assertEquals(100, Db.session().find(Account.class, 1L).getBalance());
            assertEquals(List.of("replica", "replica"), servers());
            assertTrue(Db.recordedQueries().get(0).onReplica());
        }
    }

    @Test
    void fromTheFirstWriteOnTheScopeReadsThePrimaryAndSeesItsOwnWrite() {
        try (Scope scope = database.open()) {
            assertEquals(List.of("on the replica"), names());
            Db.session().persist(new Account(2, "new", 10));
            // The query flushes the insert first (FlushMode AUTO): that begins the primary's transaction.
            assertEquals(List.of("on the primary", "new"), names());
            assertEquals("primary", servers().get(servers().size() - 1));
            Db.commit();
            // Committed, the scope still reads the primary: the replica may not have the row yet.
            Db.session().clear();
            assertEquals(List.of("on the primary", "new"), names());
            assertEquals(List.of("replica", "primary", "primary", "primary"), servers());
        }
    }

    @Test
    void aBulkUpdateSendsTheLaterReadsToThePrimary() {
        try (Scope scope = database.open()) {
            Db.session().createQuery("UPDATE Note n SET n.stars = 4 WHERE n.id = 2").executeUpdate();
            assertEquals("primary", Db.session().find(Note.class, 1L).getText());
        }
    }

    @Test
    void theSequenceTableIsWrittenOnThePrimaryAndRecordedSo() {
        try (Scope scope = database.open()) {
            Db.session().persist(new Visit("/"));
            Db.commit();
            List<String> statements = Db.recordedQueries().stream().map(RecordedQuery::statement).toList();
            assertTrue(statements.stream().anyMatch(sql -> sql.startsWith("UPDATE SEQUENCE")), statements.toString());
            assertEquals(List.of("primary"), servers().stream().distinct().toList());
        }
    }

    @Test
    void aPessimisticLockReadsThePrimaryAndSoDoesEveryLaterRead() {
        try (Scope scope = database.open()) {
            assertEquals("on the primary",
                    Db.session().find(Account.class, 1L, LockModeType.PESSIMISTIC_WRITE).getName());
            assertEquals("primary", Db.session().createQuery("SELECT n FROM Note n", Note.class).getSingleResult()
                    .getText());
        }
    }

    @Test
    void dbPrimarySendsEveryLaterReadToThePrimary() {
        try (Scope scope = database.open()) {
            assertEquals(List.of("on the replica"), names());
            Db.primary();
            Db.session().clear();
            assertEquals(List.of("on the primary"), names());
            assertEquals(List.of("replica", "primary"), servers());
        }
    }

    @Test
    void eachScopeStartsOnTheReplicaAgain() {
        try (Scope scope = database.open()) {
            Db.primary();
            assertEquals(List.of("on the primary"), names());
        }
        try (Scope scope = database.open()) {
            assertEquals(List.of("on the replica"), names());
        }
    }

    @Test
    void aVersionReadOnALaggingReplicaIsCheckedAgainstThePrimaryRow() {
        try (Scope scope = database.open()) {
            Account stale = Db.session().find(Account.class, 1L);
            assertEquals(1, stale.getVersion());
            stale.setBalance(stale.getBalance() - 10);
            assertThrows(RollbackException.class, Db::commit);
        }
        try (Scope scope = database.open()) {
            Db.primary();
            Account row = Db.session().find(Account.class, 1L);
            assertEquals(150, row.getBalance(), "the primary's row is untouched");
            assertEquals(2, row.getVersion());
        }
    }

    @Test
    void withoutAVersionTheColumnsAChangeWritesAreCheckedAgainstThePrimaryRow() {
        try (Scope scope = database.open()) {
            Note stale = Db.session().find(Note.class, 1L);
            assertEquals(3, stale.getStars());
            stale.setStars(stale.getStars() + 1);
            assertThrows(RollbackException.class, Db::commit);
        }
        try (Scope scope = database.open()) {
            Db.primary();
            assertEquals(5, Db.session().find(Note.class, 1L).getStars(), "the primary's row is untouched");
        }
    }

    @Test
    void aChangeToAColumnTheReplicaHasRightIsWrittenToThePrimary() throws Exception {
        sql(replicaUrl, "UPDATE note SET stars = 5 WHERE id = 1");
        try (Scope scope = database.open()) {
            Note note = Db.session().find(Note.class, 1L);
            note.setStars(6);
            Db.commit();
            assertEquals("replica", Db.recordedQueries().get(0).server());
            assertEquals("primary", Db.recordedQueries().get(1).server());
            assertTrue(Db.recordedQueries().get(1).statement().startsWith("UPDATE"), Db.recordedQueries().toString());
        }
        try (Scope scope = database.open()) {
            Db.primary();
            Note note = Db.session().find(Note.class, 1L);
            // Only the changed column is written: the primary keeps its own text.
            assertEquals(6, note.getStars());
            assertEquals("primary", note.getText());
        }
    }

    @Test
    void aReplicaThatCannotBeReachedSendsReadsToThePrimaryAndTheHealthCheckSaysSo() throws Exception {
        // Opened before the first closes: closing the last Database of an in-memory Derby database drops it.
        Database unreachable = Database.create(settings("db.replica.url", "jdbc:postgresql://127.0.0.1:1/nothing"));
        database.close();
        database = unreachable;
        assertEquals("UP", database.health().binds().get(0).replica(), "nothing was tried yet");

        String log = Standby.log(() -> {
            for (int i = 0; i < 3; i++) {
                try (Scope scope = database.open()) {
                    assertEquals(List.of("on the primary"), names());
                }
            }
        });

        assertEquals(1, log.lines().filter(line -> line.contains("WARN io.dbfilter")).count(), log);
        assertTrue(log.contains("cannot be reached"), log);
        Health health = database.health();
        assertTrue(health.isUp(), "a skipped replica leaves the bind up");
        assertEquals("SKIPPED", health.binds().get(0).replica());
        assertTrue(health.toJson().contains("\"replica\":{\"status\":\"SKIPPED\"}"), health.toJson());
    }

    @Test
    void theHealthCheckShowsAServingReplicaAndABindWithoutOne() {
        try (Scope scope = database.open()) {
            names();
        }
        assertEquals("UP", database.health().binds().get(0).replica());
        assertTrue(database.health().toJson().contains("\"replica\":{\"status\":\"UP\"}"),
                database.health().toJson());
        assertEquals(null, replica.health().binds().get(0).replica());
        assertTrue(!replica.health().toJson().contains("replica"), replica.health().toJson());
    }

    @Test
    void startUpCreatesAndChecksTheTablesOnThePrimaryOnly() {
        String emptyReplica = TestDatabases.memoryUrl();
        try (Database empty = Database.create(Map.of("db.url", emptyReplica, "db.packages", "io.dbfilter.replicas"));
                Database started = Database.create(Map.of("db.url", TestDatabases.memoryUrl(), "db.replica.url",
                emptyReplica, "db.packages", "io.dbfilter.replicas"))) {
            started.createAll();
            try (Scope scope = started.open()) {
                Db.primary();
                assertEquals(0, Db.session().createQuery("SELECT COUNT(a) FROM Account a", Long.class)
                        .getSingleResult());
            }
        }
    }
}

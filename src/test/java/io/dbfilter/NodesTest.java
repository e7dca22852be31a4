package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.dbfilter.nodes.Account;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.RollbackException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several application nodes on one database: two Databases on one PostgreSQL schema, as two
 * servers behind a load balancer would be. Skipped when PostgreSQL is not running (see
 * {@link TestServers}).
 */
class NodesTest {
    private static final String PACKAGES = "io.dbfilter.nodes";
    private static final long ID = 1L;
    private TestServers.Schema schema;

    @BeforeEach
    void createSchema() {
        schema = TestServers.create(TestServers.Kind.POSTGRESQL);
    }

    @AfterEach
    void dropSchema() throws SQLException {
        assertFalse(Db.inScope(), "a test left a scope bound");
        schema.close();
    }

    private Database node(String... extra) {
        return Database.create(schema.settings(PACKAGES, extra));
    }

    private static void open(Database node, long balance) {
        node.createAll();
        try (var scope = node.open()) {
            Db.session().persist(new Account(ID, balance));
            Db.commit();
        }
    }

    private static void deposit(Database node, long amount) {
        try (var scope = node.open()) {
            Db.session().find(Account.class, ID).deposit(amount);
            Db.commit();
        }
    }

    private static long balance(Database node) {
        try (var scope = node.open()) {
            return Db.session().find(Account.class, ID).getBalance();
        }
    }

    private long balanceInTheDatabase() throws SQLException {
        try (Connection connection = schema.connect();
                var rows = connection.createStatement().executeQuery("SELECT balance FROM account WHERE id = " + ID)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void aRowUpdatedOnOneNodeIsSeenByTheOtherNodesNextScope() {
        try (Database a = node(); Database b = node()) {
            open(a, 100);
            assertEquals(100, balance(b));

            deposit(a, 50);

            assertEquals(150, balance(b));
        }
    }

    @Test
    void withTheSharedCacheTurnedOnTheOtherNodeServesTheStaleRow() throws SQLException {
        try (Database a = node("eclipselink.cache.shared.default", "true");
                Database b = node("eclipselink.cache.shared.default", "true")) {
            open(a, 100);
            assertEquals(100, balance(b));

            deposit(a, 50);

            assertEquals(150, balanceInTheDatabase());
            assertEquals(100, balance(b), "node B answers from its own cache");
        }
    }

    @Test
    void concurrentUpdatesOfOneRowFromTwoNodesFailTheLoserInsteadOfLosingAnUpdate() throws Exception {
        try (Database a = node(); Database b = node()) {
            open(a, 100);
            var bothRead = new CyclicBarrier(2);
            var outcomes = new ArrayList<Future<RollbackException>>();
            String output = SchemaTest.captureOutput(() -> {
                var threads = Executors.newFixedThreadPool(2);
                try {
                    outcomes.addAll(threads.invokeAll(List.of(depositAfterBothRead(a, bothRead),
                            depositAfterBothRead(b, bothRead)), 30, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    threads.shutdownNow();
                }
            });

            RollbackException first = outcomes.get(0).get();
            RollbackException second = outcomes.get(1).get();
            assertTrue(first == null ^ second == null, "exactly one node must lose: " + first + ", " + second);
            RollbackException lost = first != null ? first : second;
            assertInstanceOf(OptimisticLockException.class, lost.getCause(), lost::toString);
            assertFalse(output.contains("WARN"), "the caller gets the exception; the log stays quiet:\n" + output);
            assertEquals(110, balance(a));

            deposit(first != null ? a : b, 10);

            assertEquals(120, balanceInTheDatabase());
        }
    }

    /** Reads the account, waits until the other node has read it too, then deposits 10; returns the commit's failure. */
    private static Callable<RollbackException> depositAfterBothRead(Database node, CyclicBarrier bothRead) {
        return () -> {
            try (var scope = node.open()) {
                Account account = Db.session().find(Account.class, ID);
                bothRead.await(10, TimeUnit.SECONDS);
                account.deposit(10);
                Db.commit();
                return null;
            } catch (RollbackException e) {
                return e;
            }
        };
    }

    @Test
    void poolSettingsReachHikariAndBoundTheServerConnectionsOfANode() throws Exception {
        String application = schema.name() + "_pool";
        try (Database node = node("db.pool.maximumPoolSize", "3", "db.pool.connectionTimeout", "1000",
                "db.pool.maxLifetime", "600000", "db.pool.leakDetectionThreshold", "20000",
                "db.pool.dataSource.ApplicationName", application)) {
            var pool = node.dataSource().unwrap(HikariDataSource.class);
            assertEquals(3, pool.getMaximumPoolSize());
            assertEquals(1000, pool.getConnectionTimeout());
            assertEquals(600_000, pool.getMaxLifetime());
            assertEquals(20_000, pool.getLeakDetectionThreshold());

            var held = new ArrayList<Connection>();
            try {
                for (int i = 0; i < 3; i++) {
                    held.add(node.dataSource().getConnection());
                }
                long started = System.nanoTime();
                assertThrows(SQLTransientConnectionException.class, () -> node.dataSource().getConnection());
                long waitedMillis = (System.nanoTime() - started) / 1_000_000;

                assertTrue(waitedMillis >= 900 && waitedMillis < 10_000, "waited " + waitedMillis + " ms, not ~1000");
                assertEquals(3, serverConnections(application));
            } finally {
                for (Connection connection : held) {
                    connection.close();
                }
            }
        }
    }

    /** How many connections PostgreSQL has open for the given application_name. */
    private long serverConnections(String application) throws SQLException {
        try (Connection connection = schema.connect();
                var statement = connection.prepareStatement(
                        "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
            statement.setString(1, application);
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}

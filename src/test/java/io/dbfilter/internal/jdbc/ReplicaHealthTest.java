package io.dbfilter.internal.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A replica's lag check, with an in-memory Derby database whose "lag" is a constant query: read at
 * most once a second whatever the number of reads, and a lag past the bound skips the replica.
 */
class ReplicaHealthTest {
    private HikariDataSource pool;

    private HikariDataSource pool() {
        var config = new HikariConfig();
        config.setJdbcUrl("jdbc:derby:memory:replica-health;create=true");
        config.setPoolName("health-replica");
        pool = new HikariDataSource(config);
        return pool;
    }

    @AfterEach
    void close() {
        if (pool != null) {
            pool.close();
        }
    }

    /** A connection of the pool that counts the statements created on it. */
    private static Connection counting(Connection connection, AtomicInteger statements) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("createStatement")) {
                        statements.incrementAndGet();
                    }
                    return method.invoke(connection, args);
                });
    }

    @Test
    void theLagIsReadAtMostOnceASecondWhateverTheReads() throws Exception {
        HikariDataSource replica = pool();
        var statements = new AtomicInteger();
        try (var health = new ReplicaHealth(replica, "VALUES 5", 10_000);
                Connection connection = counting(replica.getConnection(), statements)) {
            for (int i = 0; i < 100; i++) {
                assertTrue(health.fresh(connection));
            }
            assertEquals(1, statements.get());
            assertEquals(5, health.lastLagMillis());
        }
    }

    @Test
    void aLagPastTheBoundSkipsTheReplica() throws Exception {
        HikariDataSource replica = pool();
        try (var health = new ReplicaHealth(replica, "VALUES 20000", 10_000);
                Connection connection = replica.getConnection()) {
            assertTrue(health.usable());
            assertFalse(health.fresh(connection));
            assertFalse(health.usable());
            assertEquals(20_000, health.lastLagMillis());
        }
    }

    @Test
    void onlyPostgreSqlHasALagQuery() {
        assertTrue(ReplicaHealth.lagQuery("org.eclipse.persistence.platform.database.PostgreSQLPlatform")
                .contains("pg_last_xact_replay_timestamp()"));
        assertNull(ReplicaHealth.lagQuery("io.dbfilter.platform.MariaDbPlatform"));
        assertNull(ReplicaHealth.lagQuery(null));
    }
}

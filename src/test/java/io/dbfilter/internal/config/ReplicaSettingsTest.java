package io.dbfilter.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The {@code db.replica.*} keys: what the replica's pool is built from, and the errors for what cannot work. */
class ReplicaSettingsTest {
    private static Settings resolve(Map<String, String> given) {
        return Settings.resolve(given, "init-param of filter 'db'", Map.of(), new Properties(), Map.of());
    }

    private static HikariConfig replica(Settings settings) {
        return PoolSettings.replicaConfig(settings, "jdbc:postgresql://replica/app", "org.postgresql.Driver",
                "p-replica");
    }

    @Test
    void theReplicaPoolStartsFromTheBindsPoolAndItsOwnKeysWin() {
        HikariConfig config = replica(resolve(Map.of("db.url", "jdbc:postgresql://primary/app",
                "db.replica.url", "jdbc:postgresql://replica/app", "db.pool.maximumPoolSize", "20",
                "db.pool.minimumIdle", "2", "db.replica.pool.maximumPoolSize", "40")));

        assertEquals(40, config.getMaximumPoolSize());
        assertEquals(2, config.getMinimumIdle());
        assertEquals("p-replica", config.getPoolName());
    }

    @Test
    void theReplicaWaitsOneSecondForAConnectionUnlessItsOwnTimeoutIsSet() {
        String primary = "jdbc:postgresql://primary/app";
        String replica = "jdbc:postgresql://replica/app";
        assertEquals(1000, replica(resolve(Map.of("db.url", primary, "db.replica.url", replica,
                "db.pool.connectionTimeout", "30000"))).getConnectionTimeout());
        assertEquals(5000, replica(resolve(Map.of("db.url", primary, "db.replica.url", replica,
                "db.replica.pool.connectionTimeout", "5000"))).getConnectionTimeout());
    }

    @Test
    void theReplicaTakesTheBindsCredentialsUnlessItHasItsOwn() {
        String primary = "jdbc:postgresql://primary/app";
        String replica = "jdbc:postgresql://replica/app";
        HikariConfig same = replica(resolve(Map.of("db.url", primary, "db.user", "app", "db.password", "s1",
                "db.replica.url", replica)));
        HikariConfig own = replica(resolve(Map.of("db.url", primary, "db.user", "app", "db.password", "s1",
                "db.replica.url", replica, "db.replica.user", "reader", "db.replica.password", "s2")));

        assertEquals("app", same.getUsername());
        assertEquals("s1", same.getPassword());
        assertEquals("reader", own.getUsername());
        assertEquals("s2", own.getPassword());
    }

    @Test
    void aBindsReplicaIsReadFromItsOwnKeys() {
        Settings analytics = resolve(Map.of("db.binds", "analytics", "db.bind.analytics.url",
                "jdbc:postgresql://primary/analytics", "db.bind.analytics.replica.url",
                "jdbc:postgresql://replica/analytics", "db.bind.analytics.replica.pool.maximumPoolSize", "3",
                "db.bind.analytics.replica.maxLag", "2500")).bind("analytics");

        assertEquals("jdbc:postgresql://replica/analytics", analytics.get(Key.REPLICA_URL));
        assertEquals(2500, analytics.count(Key.REPLICA_MAX_LAG));
        assertEquals(3, replica(analytics).getMaximumPoolSize());
    }

    @Test
    void aReplicaUserWithoutAReplicaUrlNamesTheMissingKey() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> resolve(Map.of("db.replica.user", "reader")));

        assertEquals("dbfilter: db.replica.user (init-param of filter 'db') is set but db.replica.url is not: set"
                + " db.replica.url to the replica's JDBC URL, or remove db.replica.user.", error.getMessage());
    }

    @Test
    void aMisspelledReplicaPoolPropertySuggestsTheHikariName() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> resolve(Map.of("db.replica.pool.maxPoolSize", "5")));

        assertTrue(error.getMessage().startsWith("dbfilter: db.replica.pool.maxPoolSize (init-param of filter 'db') is"
                + " not a HikariCP property. Did you mean db.replica.pool.maximumPoolSize?"), error.getMessage());
    }

    @Test
    void aMisspelledReplicaKeySuggestsTheKey() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> resolve(Map.of("db.replica.maxlagg", "5")));

        assertTrue(error.getMessage().contains("Did you mean db.replica.maxLag?"), error.getMessage());
    }

    @Test
    void aMaxLagBelowOneIsRefusedWithTheDefault() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> resolve(Map.of("db.replica.maxLag", "0")));

        assertTrue(error.getMessage().contains("db.replica.maxLag (init-param of filter 'db') must be a whole number"
                + " of at least 1, not '0'. Leave it unset for the default, 10000."), error.getMessage());
    }

    @Test
    void theReplicaPasswordAndSecretAreNeverPrinted() {
        String shown = resolve(Map.of("db.replica.url", "jdbc:postgresql://replica/app", "db.replica.password", "pw1",
                "db.replica.secret", "key1")).toString();

        assertTrue(!shown.contains("pw1") && !shown.contains("key1"), shown);
    }
}

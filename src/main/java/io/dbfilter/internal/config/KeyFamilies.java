package io.dbfilter.internal.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The keys declared by prefix rather than one by one: a bind's copies of the registered keys, and
 * the HikariCP properties of each pool, the primary's ({@code db.pool.*}) and the replica's
 * ({@code db.replica.pool.*}), for the default bind and under each bind's prefix.
 */
final class KeyFamilies {
    private KeyFamilies() {
    }

    /** Every key an environment variable may set, given the binds that {@code db.binds} names. */
    static List<String> envKeys(List<String> binds) {
        var keys = new ArrayList<>(Key.names(null));
        PoolSettings.propertyNames().forEach(name -> keys.add(Key.POOL_PREFIX + name));
        PoolSettings.propertyNames().forEach(name -> keys.add(Key.REPLICA_POOL_PREFIX + name));
        for (String bind : binds) {
            keys.addAll(Key.names(bind));
            PoolSettings.propertyNames().forEach(name -> keys.add(poolPrefix(bind) + name));
            PoolSettings.propertyNames().forEach(name -> keys.add(replicaPoolPrefix(bind) + name));
        }
        return keys;
    }

    /** {@code db.pool.}, or {@code db.bind.<name>.pool.} for a bind. */
    static String poolPrefix(String bind) {
        return bind == null ? Key.POOL_PREFIX : Key.BIND_PREFIX + bind + ".pool.";
    }

    /** {@code db.replica.pool.}, or {@code db.bind.<name>.replica.pool.} for a bind. */
    static String replicaPoolPrefix(String bind) {
        return bind == null ? Key.REPLICA_POOL_PREFIX : Key.BIND_PREFIX + bind + ".replica.pool.";
    }
}

package io.dbfilter.internal.config;

import com.zaxxer.hikari.HikariConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns the {@code db.pool.*} settings into a {@link HikariConfig}: any HikariCP property with a
 * text, number or boolean value, plus {@code db.pool.dataSource.*} for driver properties.
 *
 * <p>Names and values are checked here, with messages that name the setting, rather than by
 * HikariCP's own property copier, which logs a stack trace for a typo before it throws.
 */
public final class PoolSettings {
    private static final String DATA_SOURCE_PREFIX = "dataSource.";
    private static final Map<String, Key> OWNED = Map.of(
            "jdbcUrl", Key.URL, "username", Key.USER, "password", Key.PASSWORD);
    private static final Set<Class<?>> SIMPLE = Set.of(String.class, int.class, long.class, short.class,
            boolean.class);
    private static final Map<String, Method> SETTERS = setters();

    private PoolSettings() {
    }

    public static Set<String> propertyNames() {
        return SETTERS.keySet();
    }

    /**
     * Fails with a clear message when {@code name} is not a HikariCP property we can set;
     * {@code keyPrefix} is {@code db.} or a bind's {@code db.bind.<name>.}, for the keys to suggest.
     */
    public static void checkName(String name, String described, String keyPrefix) {
        if (OWNED.containsKey(name)) {
            throw new IllegalArgumentException("dbfilter: " + described + " is not allowed: set "
                    + keyPrefix + OWNED.get(name).key().substring(3) + " instead.");
        }
        if (name.startsWith(DATA_SOURCE_PREFIX) && name.length() > DATA_SOURCE_PREFIX.length()
                || SETTERS.containsKey(name)) {
            return;
        }
        var candidates = new ArrayList<String>();
        SETTERS.keySet().forEach(property -> candidates.add(keyPrefix + "pool." + property));
        throw new IllegalArgumentException("dbfilter: " + described + " is not a HikariCP property."
                + Suggestion.of(keyPrefix + "pool." + name, candidates)
                + " Valid db.pool.* names are HikariCP's configuration properties (maximumPoolSize, minimumIdle,"
                + " connectionTimeout, ...) and dataSource.<driver property>.");
    }

    /** A pool configuration for {@code url}, with every {@code db.pool.*} setting applied. */
    public static HikariConfig config(Settings settings, String url, String driverClassName, String poolName) {
        HikariConfig config = named(url, driverClassName, settings.get(Key.USER), settings.get(Key.PASSWORD),
                poolName);
        settings.pool().forEach((name, value) -> apply(config, name, value,
                settings.describe(settings.poolKey(name))));
        return validated(config, "db.pool.*");
    }

    /**
     * The pool configuration of a bind's replica: the bind's {@code db.pool.*} settings, then its
     * {@code db.replica.pool.*} over them, and its own URL and credentials. Unless
     * {@code db.replica.pool.connectionTimeout} is set, its {@code connectionTimeout} is 1 s: a
     * replica that stopped answering then costs a read one second before it goes to the primary
     * instead, not HikariCP's thirty.
     */
    public static HikariConfig replicaConfig(Settings settings, String url, String driverClassName, String poolName) {
        boolean ownUser = settings.get(Key.REPLICA_USER) != null;
        HikariConfig config = named(url, driverClassName,
                ownUser ? settings.get(Key.REPLICA_USER) : settings.get(Key.USER),
                ownUser || settings.get(Key.REPLICA_PASSWORD) != null ? settings.get(Key.REPLICA_PASSWORD)
                        : settings.get(Key.PASSWORD), poolName);
        settings.replicaPool().forEach((name, value) -> apply(config, name, value,
                settings.describe(settings.replicaPoolKey(name))));
        if (settings.replicaPoolKey(TIMEOUT).equals(settings.poolKey(TIMEOUT))) {
            // The primary's timeout is a wait for a busy pool; the replica's is a wait before a read goes elsewhere.
            config.setConnectionTimeout(REPLICA_CONNECTION_TIMEOUT_MS);
        }
        return validated(config, "db.pool.* and db.replica.pool.*");
    }

    private static final long REPLICA_CONNECTION_TIMEOUT_MS = 1000;
    private static final String TIMEOUT = "connectionTimeout";

    private static HikariConfig named(String url, String driverClassName, String user, String password,
            String poolName) {
        var config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setDriverClassName(driverClassName);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName(poolName);
        return config;
    }

    private static HikariConfig validated(HikariConfig config, String family) {
        try {
            config.validate();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("dbfilter: the " + family + " settings are inconsistent: "
                    + e.getMessage() + ". See HikariCP's documentation of that property.", e);
        }
        return config;
    }

    private static void apply(HikariConfig config, String name, String value, String described) {
        if (name.startsWith(DATA_SOURCE_PREFIX)) {
            config.addDataSourceProperty(name.substring(DATA_SOURCE_PREFIX.length()), value);
            return;
        }
        Method setter = SETTERS.get(name);
        Class<?> type = setter.getParameterTypes()[0];
        try {
            setter.invoke(config, convert(type, value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("dbfilter: " + described
                    + (type == boolean.class ? " must be true or false"
                            : " must be a whole number" + (type == long.class ? " of milliseconds" : ""))
                    + ", not '" + value + "'.", e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("dbfilter: " + described + "='"
                    + value + "' was refused by HikariCP: " + e.getCause().getMessage(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object convert(Class<?> type, String value) {
        if (type == int.class) {
            return Integer.parseInt(value);
        }
        if (type == long.class) {
            return Long.parseLong(value);
        }
        if (type == short.class) {
            return Short.parseShort(value);
        }
        if (type == boolean.class) {
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw new NumberFormatException(value);
            }
            return Boolean.parseBoolean(value);
        }
        return value;
    }

    private static Map<String, Method> setters() {
        var setters = new TreeMap<String, Method>(String.CASE_INSENSITIVE_ORDER);
        for (Method method : HikariConfig.class.getMethods()) {
            String name = method.getName();
            if (name.startsWith("set") && name.length() > 3 && method.getParameterCount() == 1
                    && SIMPLE.contains(method.getParameterTypes()[0])) {
                String property = Character.toLowerCase(name.charAt(3)) + name.substring(4);
                if (!OWNED.containsKey(property)) {
                    setters.put(property, method);
                }
            }
        }
        return setters;
    }
}

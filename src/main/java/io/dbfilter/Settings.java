package io.dbfilter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The configuration of one {@link Database}: every {@code db.*} key resolved from its sources and
 * checked, plus the {@code eclipselink.*} and {@code jakarta.persistence.*} keys passed through.
 *
 * <p>Sources, highest first: Java system property, environment variable ({@code db.pool.maximumPoolSize}
 * is read from {@code DB_POOL_MAXIMUMPOOLSIZE}), the filter's init-param (or the map given to
 * {@link Database#create}), the context-param, the default. An unknown {@code db.*} key is an error
 * that names it and suggests the nearest valid key, because a silently ignored typo costs hours.
 */
final class Settings {
    static final String URL = "db.url";
    static final String USER = "db.user";
    static final String PASSWORD = "db.password";
    static final String ENTITIES = "db.entities";
    static final String PACKAGES = "db.packages";
    static final String CREATE_ALL = "db.createAll";
    static final String ECHO = "db.echo";
    static final String RECORD_QUERIES = "db.recordQueries";
    static final String SERVER_TIMING = "db.serverTiming";
    static final String WARN_QUERIES = "db.warnQueries";
    static final String TRACK_MODIFICATIONS = "db.trackModifications";
    static final String POOL_PREFIX = "db.pool.";
    static final List<String> KEYS = List.of(URL, USER, PASSWORD, ENTITIES, PACKAGES, CREATE_ALL, ECHO,
            RECORD_QUERIES, SERVER_TIMING, WARN_QUERIES, TRACK_MODIFICATIONS);

    private static final List<String> PASSTHROUGH_PREFIXES = List.of("eclipselink.", "jakarta.persistence.");

    private final Map<String, String> values;
    private final Map<String, String> sources;

    private Settings(Map<String, String> values, Map<String, String> sources) {
        this.values = values;
        this.sources = sources;
    }

    /**
     * Resolves the settings from their sources.
     *
     * @param given      the filter's init-params or the map given to {@code Database.create}
     * @param givenName  how to name {@code given} in messages, e.g. {@code init-param of filter 'db'}
     * @param context    the web application's context-params (empty outside one)
     * @param properties the Java system properties
     * @param env        the environment variables
     */
    static Settings resolve(Map<String, String> given, String givenName, Map<String, String> context,
            Properties properties, Map<String, String> env) {
        var values = new LinkedHashMap<String, String>();
        var sources = new LinkedHashMap<String, String>();
        // Lowest precedence first: each later layer overwrites what an earlier one set.
        layer(context, "context-param", values, sources);
        layer(given, givenName, values, sources);
        for (String key : envKeys()) {
            String value = env.get(envName(key));
            if (value != null) {
                values.put(key, value);
                sources.put(key, "environment variable " + envName(key));
            }
        }
        var system = new LinkedHashMap<String, String>();
        properties.stringPropertyNames().forEach(name -> system.put(name, properties.getProperty(name)));
        layer(system, "system property", values, sources);
        var settings = new Settings(values, sources);
        settings.check();
        return settings;
    }

    private static void layer(Map<String, String> source, String name, Map<String, String> values,
            Map<String, String> sources) {
        source.forEach((key, value) -> {
            if (key.startsWith("db.") || isPassthrough(key)) {
                values.put(key, value == null ? "" : value.strip());
                sources.put(key, name);
            }
        });
    }

    private static boolean isPassthrough(String key) {
        return PASSTHROUGH_PREFIXES.stream().anyMatch(key::startsWith);
    }

    /** {@code db.pool.maximumPoolSize} becomes {@code DB_POOL_MAXIMUMPOOLSIZE}. */
    static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    private static List<String> envKeys() {
        var keys = new ArrayList<>(KEYS);
        PoolSettings.propertyNames().forEach(name -> keys.add(POOL_PREFIX + name));
        return keys;
    }

    private void check() {
        for (String key : values.keySet()) {
            if (!key.startsWith("db.") || KEYS.contains(key)) {
                continue;
            }
            if (key.startsWith(POOL_PREFIX)) {
                PoolSettings.checkName(key.substring(POOL_PREFIX.length()), describe(key));
                continue;
            }
            var candidates = new ArrayList<>(KEYS);
            PoolSettings.propertyNames().forEach(name -> candidates.add(POOL_PREFIX + name));
            throw new IllegalArgumentException("dbfilter: unknown setting " + describe(key) + "."
                    + suggestion(key, candidates) + " Valid keys: " + String.join(", ", KEYS)
                    + ", db.pool.<any HikariCP property>, and eclipselink.* / jakarta.persistence.* passed to EclipseLink.");
        }
        flag(CREATE_ALL, true);
        flag(ECHO, false);
        flag(TRACK_MODIFICATIONS, false);
        boolean recording = flag(RECORD_QUERIES, false);
        // Both read the recorded statements; without recording they would silently show nothing.
        if (flag(SERVER_TIMING, false) && !recording) {
            throw needsRecording(SERVER_TIMING);
        }
        if (count(WARN_QUERIES) > 0 && !recording) {
            throw needsRecording(WARN_QUERIES);
        }
    }

    private IllegalArgumentException needsRecording(String key) {
        return new IllegalArgumentException("dbfilter: " + describe(key) + " needs the recorded statements: set "
                + RECORD_QUERIES + "=true as well, or remove " + key + ".");
    }

    /** The value of {@code key}, or null when no source sets it (an empty value counts as unset). */
    String get(String key) {
        String value = values.get(key);
        return value == null || value.isEmpty() ? null : value;
    }

    /** A comma-separated setting as a list, without blanks. */
    List<String> list(String key) {
        String value = get(key);
        var items = new ArrayList<String>();
        if (value != null) {
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
        }
        return items;
    }

    /** A boolean setting: {@code true} or {@code false} in any case, anything else is an error. */
    boolean flag(String key, boolean defaultValue) {
        String value = get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException("dbfilter: " + describe(key) + " must be true or false, not '" + value
                + "'.");
    }

    /** A positive whole-number setting, or 0 when unset; anything else is an error. */
    int count(String key) {
        String value = get(key);
        if (value == null) {
            return 0;
        }
        try {
            int count = Integer.parseInt(value);
            if (count > 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // Reported below with the same message as a number below 1.
        }
        throw new IllegalArgumentException("dbfilter: " + describe(key) + " must be a whole number of at least 1,"
                + " not '" + value + "'. Leave it unset to turn it off.");
    }

    /** The {@code db.pool.*} settings, without their prefix. */
    Map<String, String> pool() {
        var pool = new LinkedHashMap<String, String>();
        values.forEach((key, value) -> {
            if (key.startsWith(POOL_PREFIX) && !value.isEmpty()) {
                pool.put(key.substring(POOL_PREFIX.length()), value);
            }
        });
        return pool;
    }

    /** The {@code eclipselink.*} and {@code jakarta.persistence.*} settings, for EclipseLink. */
    Map<String, String> passthrough() {
        var passed = new LinkedHashMap<String, String>();
        values.forEach((key, value) -> {
            if (isPassthrough(key)) {
                passed.put(key, value);
            }
        });
        return passed;
    }

    /** The key and where its value came from, for messages: {@code db.echo (system property)}. */
    String describe(String key) {
        String source = sources.get(key);
        return source == null ? key : key + " (" + source + ")";
    }

    /** A " Did you mean X?" sentence naming the nearest candidate, or "" when none is close. */
    static String suggestion(String wrong, List<String> candidates) {
        String lower = wrong.toLowerCase(Locale.ROOT);
        return candidates.stream()
                .min(Comparator.comparingInt(candidate -> distance(lower, candidate.toLowerCase(Locale.ROOT))))
                .filter(best -> distance(lower, best.toLowerCase(Locale.ROOT)) <= Math.max(2, wrong.length() / 3))
                .map(best -> " Did you mean " + best + "?")
                .orElse("");
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

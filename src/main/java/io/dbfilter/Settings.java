package io.dbfilter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The configuration of one {@link Database}: every {@code db.*} key resolved from its sources and
 * checked, plus the {@code eclipselink.*} and {@code jakarta.persistence.*} keys passed through.
 *
 * <p>Sources, highest first: Java system property, environment variable ({@code db.pool.maximumPoolSize}
 * is read from {@code DB_POOL_MAXIMUMPOOLSIZE}), the filter's init-param (or the map given to
 * {@link Database#create}), the context-param, the default. An unknown {@code db.*} key is an error
 * that names it and suggests the nearest valid key, because a silently ignored typo costs hours.
 *
 * <p>Each bind named in {@code db.binds} takes the same keys under its own prefix
 * ({@code db.bind.analytics.url}, {@code db.bind.analytics.eclipselink.logging.level}, ...).
 * {@link #bind(String)} gives a view of one bind's keys under the plain names ({@code db.url}), so
 * that the code building a database reads every bind alike, while messages name the real key.
 */
final class Settings {
    static final String URL = "db.url";
    static final String USER = "db.user";
    static final String PASSWORD = "db.password";
    static final String ENTITIES = "db.entities";
    static final String PACKAGES = "db.packages";
    static final String CREATE_ALL = "db.createAll";
    static final String ECHO = "db.echo";
    static final String BINDS = "db.binds";
    static final String RECORD_QUERIES = "db.recordQueries";
    static final String SERVER_TIMING = "db.serverTiming";
    static final String WARN_QUERIES = "db.warnQueries";
    static final String TRACK_MODIFICATIONS = "db.trackModifications";
    static final String POOL_PREFIX = "db.pool.";
    static final String BIND_PREFIX = "db.bind.";
    /** The keys every bind takes, the default one with the plain names, the others under their prefix. */
    static final List<String> BIND_KEYS = List.of(URL, USER, PASSWORD, ENTITIES, PACKAGES, CREATE_ALL, ECHO);
    /** The Database's own keys: its default bind's, the binds, and the observers (which see every bind). */
    static final List<String> KEYS = List.of(URL, USER, PASSWORD, ENTITIES, PACKAGES, CREATE_ALL, ECHO, BINDS,
            RECORD_QUERIES, SERVER_TIMING, WARN_QUERIES, TRACK_MODIFICATIONS);

    private static final List<String> PASSTHROUGH_PREFIXES = List.of("eclipselink.", "jakarta.persistence.");
    // Letters, digits and _ only, so that every bind key has an environment variable name.
    private static final Pattern BIND_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private final Map<String, String> values;
    private final Map<String, String> sources;
    /** {@code db.} for the default bind, {@code db.bind.<name>.} for a view of another bind. */
    private final String prefix;
    /** The settings a bind's flags default to; null for the default bind. */
    private final Settings parent;

    private Settings(Map<String, String> values, Map<String, String> sources, String prefix, Settings parent) {
        this.values = values;
        this.sources = sources;
        this.prefix = prefix;
        this.parent = parent;
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
        String binds = properties.getProperty(BINDS, env.getOrDefault(envName(BINDS),
                given.getOrDefault(BINDS, context.get(BINDS))));
        for (String key : envKeys(split(binds))) {
            String value = env.get(envName(key));
            if (value != null) {
                values.put(key, value);
                sources.put(key, "environment variable " + envName(key));
            }
        }
        var system = new LinkedHashMap<String, String>();
        properties.stringPropertyNames().forEach(name -> system.put(name, properties.getProperty(name)));
        layer(system, "system property", values, sources);
        var settings = new Settings(values, sources, "db.", null);
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

    private static List<String> envKeys(List<String> binds) {
        var keys = new ArrayList<>(KEYS);
        PoolSettings.propertyNames().forEach(name -> keys.add(POOL_PREFIX + name));
        for (String bind : binds) {
            String bindPrefix = BIND_PREFIX + bind + ".";
            BIND_KEYS.forEach(key -> keys.add(bindPrefix + key.substring(3)));
            PoolSettings.propertyNames().forEach(name -> keys.add(bindPrefix + "pool." + name));
        }
        return keys;
    }

    private void check() {
        List<String> binds = binds();
        for (String key : values.keySet()) {
            if (!key.startsWith("db.") || KEYS.contains(key)) {
                continue;
            }
            if (key.startsWith(POOL_PREFIX)) {
                PoolSettings.checkName(key.substring(POOL_PREFIX.length()), describe(key), "db.");
                continue;
            }
            if (key.startsWith(BIND_PREFIX)) {
                checkBindKey(key, binds);
                continue;
            }
            var candidates = new ArrayList<>(KEYS);
            PoolSettings.propertyNames().forEach(name -> candidates.add(POOL_PREFIX + name));
            throw new IllegalArgumentException("dbfilter: unknown setting " + describe(key) + "."
                    + suggestion(key, candidates) + " Valid keys: " + String.join(", ", KEYS)
                    + ", db.pool.<any HikariCP property>, db.bind.<name>.* for each bind in db.binds, and"
                    + " eclipselink.* / jakarta.persistence.* passed to EclipseLink.");
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
        for (String bind : binds) {
            bind(bind).flag(CREATE_ALL, true);
            bind(bind).flag(ECHO, false);
        }
    }

    private IllegalArgumentException needsRecording(String key) {
        return new IllegalArgumentException("dbfilter: " + describe(key) + " needs the recorded statements: set "
                + RECORD_QUERIES + "=true as well, or remove " + key + ".");
    }

    /** The names in {@code db.binds}, in their order, checked. */
    List<String> binds() {
        List<String> binds = split(get(BINDS));
        for (int i = 0; i < binds.size(); i++) {
            String bind = binds.get(i);
            if (!BIND_NAME.matcher(bind).matches()) {
                throw new IllegalArgumentException("dbfilter: " + describe(BINDS) + " names the bind '" + bind
                        + "', which is not a valid bind name: use letters, digits and _, starting with a letter.");
            }
            if (binds.indexOf(bind) != i) {
                throw new IllegalArgumentException("dbfilter: " + describe(BINDS) + " names the bind '" + bind
                        + "' twice. Name each bind once.");
            }
        }
        return binds;
    }

    /** Checks a {@code db.bind.<name>.<key>} key: a bind that db.binds names, and a key a bind takes. */
    private void checkBindKey(String key, List<String> binds) {
        String rest = key.substring(BIND_PREFIX.length());
        int dot = rest.indexOf('.');
        String bind = dot < 0 ? rest : rest.substring(0, dot);
        if (!binds.contains(bind)) {
            throw new IllegalArgumentException("dbfilter: unknown setting " + describe(key)
                    + ": it configures the bind '" + bind + "', which " + (binds.isEmpty() ? BINDS + " does not name (it is not set)"
                            : BINDS + " does not name (it names " + String.join(", ", binds) + ")")
                    + "." + suggestion(bind, binds) + " Add the bind to " + BINDS + ", or fix the key.");
        }
        String bindPrefix = BIND_PREFIX + bind + ".";
        String plain = dot < 0 ? "" : "db." + rest.substring(dot + 1);
        if (BIND_KEYS.contains(plain) || dot >= 0 && isPassthrough(rest.substring(dot + 1))) {
            return;
        }
        if (plain.startsWith(POOL_PREFIX)) {
            PoolSettings.checkName(plain.substring(POOL_PREFIX.length()), describe(key), bindPrefix);
            return;
        }
        var candidates = new ArrayList<String>();
        BIND_KEYS.forEach(name -> candidates.add(bindPrefix + name.substring(3)));
        PoolSettings.propertyNames().forEach(name -> candidates.add(bindPrefix + "pool." + name));
        throw new IllegalArgumentException("dbfilter: unknown setting " + describe(key) + "."
                + suggestion(key, candidates) + " A bind takes the keys " + bindPrefix + "url, .user, .password,"
                + " .entities, .packages, .createAll, .echo, .pool.<any HikariCP property>, and .eclipselink.* /"
                + " .jakarta.persistence.* passed to its EclipseLink unit.");
    }

    /**
     * The settings of the bind {@code name}, read with the plain key names: {@code get(URL)} is
     * {@code db.bind.<name>.url}. Its {@code createAll} and {@code echo} default to the default
     * bind's; its other keys have no default from it, as it is another database.
     */
    Settings bind(String name) {
        return new Settings(values, sources, BIND_PREFIX + name + ".", this);
    }

    /** The bind these settings configure, or null for the default bind. */
    String bindName() {
        return parent == null ? null : prefix.substring(BIND_PREFIX.length(), prefix.length() - 1);
    }

    /** The real name of {@code key} in this view: {@code db.url} or {@code db.bind.<name>.url}. */
    String name(String key) {
        return prefix.equals("db.") ? key : prefix + key.substring(3);
    }

    /** The value of {@code key}, or null when no source sets it (an empty value counts as unset). */
    String get(String key) {
        String value = values.get(name(key));
        return value == null || value.isEmpty() ? null : value;
    }

    /** A comma-separated setting as a list, without blanks. */
    List<String> list(String key) {
        return split(get(key));
    }

    private static List<String> split(String value) {
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
            return parent != null ? parent.flag(key, defaultValue) : defaultValue;
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
        String poolPrefix = name(POOL_PREFIX);
        var pool = new LinkedHashMap<String, String>();
        values.forEach((key, value) -> {
            if (key.startsWith(poolPrefix) && !value.isEmpty()) {
                pool.put(key.substring(poolPrefix.length()), value);
            }
        });
        return pool;
    }

    /** The {@code eclipselink.*} and {@code jakarta.persistence.*} settings, for EclipseLink. */
    Map<String, String> passthrough() {
        // The default bind's are top-level keys; another bind's sit under its prefix.
        String passPrefix = parent == null ? "" : prefix;
        var passed = new LinkedHashMap<String, String>();
        values.forEach((key, value) -> {
            if (key.startsWith(passPrefix) && isPassthrough(key.substring(passPrefix.length()))) {
                passed.put(key.substring(passPrefix.length()), value);
            }
        });
        return passed;
    }

    /** The key and where its value came from, for messages: {@code db.echo (system property)}. */
    String describe(String key) {
        String real = name(key);
        String source = sources.get(real);
        return source == null ? real : real + " (" + source + ")";
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

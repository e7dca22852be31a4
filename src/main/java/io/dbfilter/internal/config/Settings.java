package io.dbfilter.internal.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The configuration of one Database: every {@code db.*} key resolved from its sources and checked
 * against the {@link Key} registry, plus the {@code eclipselink.*} and {@code jakarta.persistence.*}
 * keys passed through.
 *
 * <p>Sources, highest first: Java system property, environment variable ({@code db.pool.maximumPoolSize}
 * is read from {@code DB_POOL_MAXIMUMPOOLSIZE}), the filter's init-param (or the map given to
 * {@code Database.create}), the context-param, the default. An unknown {@code db.*} key is an error
 * that names it and suggests the nearest valid key, because a silently ignored typo costs hours.
 *
 * <p>Each bind named in {@code db.binds} takes the same keys under its own prefix
 * ({@code db.bind.analytics.url}, {@code db.bind.analytics.eclipselink.logging.level}, ...).
 * {@link #bind(String)} gives a view of one bind's keys read with the plain {@link Key}s, so that
 * the code building a database reads every bind alike, while messages name the real key.
 */
public final class Settings {
    private static final List<String> PASSTHROUGH_PREFIXES = List.of("eclipselink.", "jakarta.persistence.");
    // Letters, digits and _ only, so that every bind key has an environment variable name.
    private static final Pattern BIND_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private final Map<String, String> values;
    private final Map<String, String> sources;
    /** The bind these settings configure, or null for the default bind. */
    private final String bind;
    /** The settings a bind's flags default to; null for the default bind. */
    private final Settings parent;

    private Settings(Map<String, String> values, Map<String, String> sources, String bind, Settings parent) {
        this.values = values;
        this.sources = sources;
        this.bind = bind;
        this.parent = parent;
    }

    /**
     * Resolves the settings from their sources and checks them.
     *
     * @param given      the filter's init-params or the map given to {@code Database.create}
     * @param givenName  how to name {@code given} in messages, e.g. {@code init-param of filter 'db'}
     * @param context    the web application's context-params (empty outside one)
     * @param properties the Java system properties
     * @param env        the environment variables
     * @return the checked settings
     * @throws IllegalArgumentException naming the key, its source and the fix, for an unknown key
     *                                  or a bad value
     */
    public static Settings resolve(Map<String, String> given, String givenName, Map<String, String> context,
            Properties properties, Map<String, String> env) {
        List<String> registered = Misspellings.registered();
        Misspellings.checkGiven(context, "context-param", registered);
        Misspellings.checkGiven(given, givenName, registered);
        var system = new LinkedHashMap<String, String>();
        properties.stringPropertyNames().forEach(name -> system.put(name, properties.getProperty(name)));
        Misspellings.checkGiven(system, "system property", registered);
        var values = new LinkedHashMap<String, String>();
        var sources = new LinkedHashMap<String, String>();
        // Lowest precedence first: each later layer overwrites what an earlier one set.
        layer(context, "context-param", values, sources);
        layer(given, givenName, values, sources);
        String binds = properties.getProperty(Key.BINDS.key(), env.getOrDefault(Key.envName(Key.BINDS.key()),
                given.getOrDefault(Key.BINDS.key(), context.get(Key.BINDS.key()))));
        List<String> envKeys = KeyFamilies.envKeys(split(binds));
        Misspellings.checkEnvironment(env, envKeys);
        for (String key : envKeys) {
            String value = env.get(Key.envName(key));
            if (value != null) {
                values.put(key, value);
                sources.put(key, "environment variable " + Key.envName(key));
            }
        }
        layer(system, "system property", values, sources);
        var settings = new Settings(values, sources, null, null);
        settings.check();
        Misspellings.checkEclipseLink(settings.passthroughKeys());
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


    private void check() {
        List<String> binds = binds();
        for (String key : values.keySet()) {
            if (key.startsWith("db.") && Key.of(key) == null) {
                checkFamilyKey(key, binds);
            }
        }
        for (Key key : Key.values()) {
            if (!key.perBind()) {
                checkValue(key);
                continue;
            }
            checkValue(key);
            for (String name : binds) {
                bind(name).checkValue(key);
            }
        }
    }

    private void checkValue(Key key) {
        switch (key.type()) {
            case FLAG -> flag(key);
            case COUNT -> count(key);
            default -> {
            }
        }
        Key required = key.requires();
        // Without it the key would silently do nothing.
        if (required != null && isOn(key) && !isOn(required)) {
            throw new IllegalArgumentException(required.type() == Key.Type.FLAG
                    ? "dbfilter: " + describe(key) + " needs the recorded statements: set " + required.key()
                            + "=true as well, or remove " + key.key() + "."
                    : "dbfilter: " + describe(key) + " is set but " + name(required) + " is not: set "
                            + name(required) + " to the replica's JDBC URL, or remove " + name(key) + ".");
        }
    }

    private boolean isOn(Key key) {
        return key.type() == Key.Type.FLAG ? flag(key) : get(key) != null;
    }

    /** Checks a key outside the registry: a pool property or a bind's key, or else an unknown key. */
    private void checkFamilyKey(String key, List<String> binds) {
        if (key.startsWith(Key.POOL_PREFIX)) {
            PoolSettings.checkName(key.substring(Key.POOL_PREFIX.length()), describe(key), "db.");
            return;
        }
        if (key.startsWith(Key.REPLICA_POOL_PREFIX)) {
            PoolSettings.checkName(key.substring(Key.REPLICA_POOL_PREFIX.length()), describe(key), "db.replica.");
            return;
        }
        if (key.startsWith(Key.BIND_PREFIX)) {
            checkBindKey(key, binds);
            return;
        }
        var candidates = new ArrayList<>(Key.names(null));
        PoolSettings.propertyNames().forEach(name -> candidates.add(Key.POOL_PREFIX + name));
        throw new IllegalArgumentException("dbfilter: unknown setting " + describe(key) + "."
                + Suggestion.of(key, candidates) + " Valid keys: " + String.join(", ", Key.names(null))
                + ", db.pool.<any HikariCP property>, db.replica.pool.<any HikariCP property>, db.bind.<name>.*"
                + " for each bind in db.binds, and"
                + " eclipselink.* / jakarta.persistence.* passed to EclipseLink.");
    }

    /** Checks a {@code db.bind.<name>.<key>} key: a bind that db.binds names, and a key a bind takes. */
    private void checkBindKey(String key, List<String> binds) {
        String rest = key.substring(Key.BIND_PREFIX.length());
        int dot = rest.indexOf('.');
        String name = dot < 0 ? rest : rest.substring(0, dot);
        if (!binds.contains(name)) {
            throw new IllegalArgumentException("dbfilter: unknown setting " + describe(key)
                    + ": it configures the bind '" + name + "', which " + Key.BINDS.key()
                    + (binds.isEmpty() ? " does not name (it is not set)"
                            : " does not name (it names " + String.join(", ", binds) + ")")
                    + "." + Suggestion.of(name, binds) + " Add the bind to " + Key.BINDS.key() + ", or fix the key.");
        }
        String bindPrefix = Key.BIND_PREFIX + name + ".";
        if (Key.names(name).contains(key) || dot >= 0 && isPassthrough(rest.substring(dot + 1))) {
            return;
        }
        if (key.startsWith(KeyFamilies.poolPrefix(name))) {
            PoolSettings.checkName(key.substring(KeyFamilies.poolPrefix(name).length()), describe(key), bindPrefix);
            return;
        }
        if (key.startsWith(KeyFamilies.replicaPoolPrefix(name))) {
            PoolSettings.checkName(key.substring(KeyFamilies.replicaPoolPrefix(name).length()), describe(key),
                    bindPrefix + "replica.");
            return;
        }
        var candidates = new ArrayList<>(Key.names(name));
        PoolSettings.propertyNames().forEach(property -> candidates.add(KeyFamilies.poolPrefix(name) + property));
        throw new IllegalArgumentException("dbfilter: unknown setting " + describe(key) + "."
                + Suggestion.of(key, candidates) + " A bind takes the keys " + bindPrefix + "url, .user, .password,"
                + " .entities, .packages, .createAll, .echo, .migrate, .migrate.locations,"
                + " .migrate.baseline, .validateSchema, .replica.url, .replica.user, .replica.password,"
                + " .replica.maxLag, .pool.<any HikariCP property>, .replica.pool.<any HikariCP property>,"
                + " and .eclipselink.* /"
                + " .jakarta.persistence.* passed to its EclipseLink unit.");
    }

    /**
     * The names in {@code db.binds}, in their order, checked.
     *
     * @return the bind names; empty when {@code db.binds} is not set
     * @throws IllegalArgumentException for a name that cannot be a bind's, or a name given twice
     */
    public List<String> binds() {
        List<String> binds = split(get(Key.BINDS));
        for (int i = 0; i < binds.size(); i++) {
            String name = binds.get(i);
            if (!BIND_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("dbfilter: " + describe(Key.BINDS) + " names the bind '" + name
                        + "', which is not a valid bind name: use letters, digits and _, starting with a letter.");
            }
            if (binds.indexOf(name) != i) {
                throw new IllegalArgumentException("dbfilter: " + describe(Key.BINDS) + " names the bind '" + name
                        + "' twice. Name each bind once.");
            }
        }
        return binds;
    }

    /**
     * The settings of the bind {@code name}, read with the plain keys: {@code get(Key.URL)} is
     * {@code db.bind.<name>.url}. Its {@code createAll}, {@code echo} and {@code dataSourceWrapper}
     * default to the default bind's; its other keys have no default from it, as it is another
     * database.
     *
     * @param name a bind listed in {@code db.binds}
     * @return the view of that bind's keys
     */
    public Settings bind(String name) {
        return new Settings(values, sources, name, this);
    }

    /**
     * The bind these settings configure.
     *
     * @return the bind's name, or null for the default bind
     */
    public String bindName() {
        return bind;
    }

    /**
     * The real name of {@code key} in this view.
     *
     * @param key a registered key
     * @return {@code db.url} or {@code db.bind.<name>.url}
     */
    public String name(Key key) {
        return key.in(key.perBind() ? bind : null);
    }

    /**
     * The value of {@code key}, or null when no source sets it (an empty value counts as unset).
     *
     * @param key a registered key
     * @return the value, or null
     */
    public String get(Key key) {
        String value = values.get(name(key));
        return value == null || value.isEmpty() ? null : value;
    }

    /**
     * The settings that give {@code key} its value: these, or for a bind that does not set it, the
     * default bind's.
     *
     * @param key a per-bind key whose value a bind inherits
     * @return the settings to read and describe the key with
     */
    public Settings inheriting(Key key) {
        return get(key) == null && parent != null ? parent : this;
    }

    /**
     * A comma-separated setting as a list, without blanks.
     *
     * @param key a {@link Key.Type#LIST} key
     * @return the items, in order
     */
    public List<String> list(Key key) {
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

    /**
     * A boolean setting, or its default; a bind's falls back to the default bind's.
     *
     * @param key a {@link Key.Type#FLAG} key
     * @return its value
     * @throws IllegalArgumentException when the value is neither true nor false
     */
    public boolean flag(Key key) {
        String value = get(key);
        if (value == null) {
            return parent != null ? parent.flag(key) : Boolean.parseBoolean(key.defaultValue());
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException("dbfilter: " + describe(key) + " must be true or false, not '" + value
                + "'.");
    }

    /**
     * Whether a source sets {@code key}: for a bind, its own key, or for a flag the default bind's,
     * which the bind's falls back to.
     *
     * @param key a registered key
     * @return false when the value is the default
     */
    public boolean isGiven(Key key) {
        return get(key) != null || parent != null && key.type() == Key.Type.FLAG && parent.isGiven(key);
    }

    /**
     * A positive whole-number setting, its default when unset, or 0 when it has none.
     *
     * @param key a {@link Key.Type#COUNT} key
     * @return its value, 0 when off
     * @throws IllegalArgumentException when the value is not a whole number of at least 1
     */
    public int count(Key key) {
        String value = get(key);
        if (value == null) {
            return key.defaultValue() == null ? 0 : Integer.parseInt(key.defaultValue());
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
                + " not '" + value + "'." + (key.defaultValue() == null ? " Leave it unset to turn it off."
                        : " Leave it unset for the default, " + key.defaultValue() + "."));
    }

    /**
     * The {@code db.pool.*} settings of this bind, without their prefix.
     *
     * @return HikariCP property names and their values
     */
    public Map<String, String> pool() {
        return withPrefix(KeyFamilies.poolPrefix(bind), new LinkedHashMap<>());
    }

    /**
     * The HikariCP properties of this bind's replica pool: the bind's {@code db.pool.*}, then its
     * {@code db.replica.pool.*} over them, without their prefixes.
     *
     * @return HikariCP property names and their values
     */
    public Map<String, String> replicaPool() {
        return withPrefix(KeyFamilies.replicaPoolPrefix(bind), pool());
    }

    private Map<String, String> withPrefix(String prefix, Map<String, String> into) {
        values.forEach((key, value) -> {
            if (key.startsWith(prefix) && !value.isEmpty()) {
                into.put(key.substring(prefix.length()), value);
            }
        });
        return into;
    }

    /**
     * The real key of one HikariCP property of this bind.
     *
     * @param property a HikariCP property name
     * @return {@code db.pool.<property>} or {@code db.bind.<name>.pool.<property>}
     */
    public String poolKey(String property) {
        return KeyFamilies.poolPrefix(bind) + property;
    }

    /**
     * The real key that set one HikariCP property of this bind's replica pool.
     *
     * @param property a HikariCP property name
     * @return its {@code db.replica.pool.*} key when that is set, else its {@code db.pool.*} key
     */
    public String replicaPoolKey(String property) {
        String replica = KeyFamilies.replicaPoolPrefix(bind) + property;
        return values.containsKey(replica) ? replica : poolKey(property);
    }

    /**
     * The {@code eclipselink.*} and {@code jakarta.persistence.*} settings of this bind, for EclipseLink.
     *
     * @return the keys without a bind's prefix, and their values
     */
    public Map<String, String> passthrough() {
        // The default bind's are top-level keys; another bind's sit under its prefix.
        String prefix = bind == null ? "" : Key.BIND_PREFIX + bind + ".";
        var passed = new LinkedHashMap<String, String>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix) && isPassthrough(key.substring(prefix.length()))) {
                passed.put(key.substring(prefix.length()), value);
            }
        });
        return passed;
    }

    /** Every pass-through key of every bind, without a bind's prefix. */
    private List<String> passthroughKeys() {
        var keys = new ArrayList<>(passthrough().keySet());
        for (String name : binds()) {
            keys.addAll(bind(name).passthrough().keySet());
        }
        return keys;
    }

    /**
     * The key and where its value came from, for messages.
     *
     * @param key a registered key
     * @return for example {@code db.echo (system property)}
     */
    public String describe(Key key) {
        return describe(name(key));
    }

    /**
     * The real key and where its value came from, for messages about a key outside the registry.
     *
     * @param real a real key, such as {@code db.pool.maximumPoolSize}
     * @return for example {@code db.pool.maximumPoolSize (init-param of filter 'db')}
     */
    public String describe(String real) {
        String source = sources.get(real);
        return source == null ? real : real + " (" + source + ")";
    }

    /** Every key that is set and its value, with secrets shown as {@code ****}. */
    @Override
    public String toString() {
        var shown = new LinkedHashMap<String, String>();
        values.forEach((key, value) -> shown.put(key, isSecret(key) ? "****" : value));
        return "Settings" + shown;
    }

    private static boolean isSecret(String key) {
        String plain = key.startsWith(Key.BIND_PREFIX) && key.indexOf('.', Key.BIND_PREFIX.length()) > 0
                ? "db." + key.substring(key.indexOf('.', Key.BIND_PREFIX.length()) + 1) : key;
        Key declared = Key.of(plain);
        return declared != null && declared.type() == Key.Type.SECRET
                || plain.toLowerCase(java.util.Locale.ROOT).contains("password");
    }
}

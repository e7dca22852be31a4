package io.dbfilter.internal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every {@code db.*} setting, declared once. The declaration drives everything else: which keys
 * {@link Settings} accepts and suggests for a typo, how values are checked, which environment
 * variable overrides a key, what {@link Settings#toString()} hides, and the docs check of
 * {@code docs/configuration.md}. Three families are declared by prefix: {@code db.pool.*} (any
 * HikariCP property), {@code db.replica.pool.*} (the same for a replica's pool) and
 * {@code db.bind.<name>.*} (a bind's copy of every {@link #perBind()} key and of both pools').
 */
public enum Key {
    /** The JDBC URL; unset means the embedded Derby database in {@code instance/}. */
    URL("db.url", Type.TEXT, true, null),
    /** The database user. */
    USER("db.user", Type.TEXT, true, null),
    /** The database password; never printed. */
    PASSWORD("db.password", Type.SECRET, true, null),
    /** Entity classes, comma-separated. */
    ENTITIES("db.entities", Type.LIST, true, null),
    /** Packages scanned for entities, comma-separated, sub-packages included. */
    PACKAGES("db.packages", Type.LIST, true, null),
    /** Whether start-up creates the missing tables. */
    CREATE_ALL("db.createAll", Type.FLAG, true, "true"),
    /** Whether start-up runs the bind's Flyway migrations; replaces createAll. */
    MIGRATE("db.migrate", Type.FLAG, true, "false"),
    /** Where the bind's migrations are; defaults to db/migration, or db/migration/<bind> for a bind. */
    MIGRATE_LOCATIONS("db.migrate.locations", Type.LIST, true, null),
    /** The version a database that createAll built is taken to be at when it first migrates. */
    MIGRATE_BASELINE("db.migrate.baseline", Type.TEXT, true, null),
    /** Whether start-up compares the entities with the catalog; unset follows db.migrate. */
    VALIDATE_SCHEMA("db.validateSchema", Type.FLAG, true, null),
    /** Whether every SQL statement is logged with its values. */
    ECHO("db.echo", Type.FLAG, true, "false"),
    /** Whether requests fail at once, with 503, while the database cannot be reached. */
    FAIL_FAST("db.failFast", Type.FLAG, true, "true"),
    /** The names of the extra databases, comma-separated. */
    BINDS("db.binds", Type.LIST, false, null),
    /** Whether each scope records its statements. */
    RECORD_QUERIES("db.recordQueries", Type.FLAG, false, "false"),
    /** Whether responses carry a Server-Timing header; reads the recorded statements. */
    SERVER_TIMING("db.serverTiming", Type.FLAG, false, "false"),
    /** The statement count above which a scope logs a warning; reads the recorded statements. */
    WARN_QUERIES("db.warnQueries", Type.COUNT, false, null),
    /** Whether commit listeners receive the flushed changes. */
    TRACK_MODIFICATIONS("db.trackModifications", Type.FLAG, false, "false"),
    /** Whether a flush inserts rows in the order their entities were persisted. */
    INSERT_ORDER("db.insertOrder", Type.FLAG, false, "true"),
    /** Whether a relation touched on one entity of a result is loaded for the whole result in one query. */
    BATCH_FETCH("db.batchFetch", Type.FLAG, true, "true"),
    /** Whether the inserts of a flush whose ids are known before the insert go to the database in JDBC batches. */
    BATCH_WRITING("db.batchWriting", Type.FLAG, true, "true"),
    /** Whether an IDENTITY id is read back by the INSERT itself where the database can (PostgreSQL: RETURNING). */
    INSERT_RETURNING("db.insertReturning", Type.FLAG, true, "true"),
    /** Whether a commit whose only write is one UPDATE of one row sends it in autocommit, without BEGIN and COMMIT. */
    AUTOCOMMIT_SINGLE_UPDATE("db.autocommitSingleUpdate", Type.FLAG, true, "true"),
    /** The most statements a scope records, and the most changes a transaction tracks. */
    RECORD_LIMIT("db.recordLimit", Type.COUNT, false, "2000"),
    /** A class that wraps a bind's DataSource before EclipseLink sees it; a bind falls back to the default's. */
    DATA_SOURCE_WRAPPER("db.dataSourceWrapper", Type.TEXT, true, null),
    /** Whether the Micrometer feature is installed, for {@code Database.recordMetrics}. */
    METRICS("db.metrics", Type.FLAG, false, "false"),
    /** How long {@code Database.health()} waits for each bind, in milliseconds. */
    HEALTH_TIMEOUT("db.healthTimeout", Type.COUNT, false, "800"),
    /** The JDBC URL of a read replica of the bind's database; unset means every statement goes to the primary. */
    REPLICA_URL("db.replica.url", Type.TEXT, true, null),
    /** The replica's user; unset means the bind's {@code db.user}. */
    REPLICA_USER("db.replica.user", Type.TEXT, true, null),
    /** The replica's password; unset means the bind's {@code db.password}. */
    REPLICA_PASSWORD("db.replica.password", Type.SECRET, true, null),
    /** The replay lag, in milliseconds, above which reads skip the replica (PostgreSQL). */
    REPLICA_MAX_LAG("db.replica.maxLag", Type.COUNT, true, "10000"),
    /** How long, in milliseconds, a client that committed reads from the primary. */
    REPLICA_READ_YOUR_WRITES("db.replica.readYourWrites", Type.COUNT, false, "5000"),
    /** The key that signs the read-your-writes cookie; unset means a random key per start. */
    REPLICA_SECRET("db.replica.secret", Type.SECRET, false, null);

    /** The prefix of the HikariCP properties. */
    public static final String POOL_PREFIX = "db.pool.";
    /** The prefix of the HikariCP properties of a replica's pool, which start from the bind's pool's. */
    public static final String REPLICA_POOL_PREFIX = "db.replica.pool.";
    /** The prefix of a bind's keys: {@code db.bind.<name>.}. */
    public static final String BIND_PREFIX = "db.bind.";

    /** How a value is read and checked. */
    public enum Type {
        /** Any text. */
        TEXT,
        /** Text that messages and {@code toString} never show. */
        SECRET,
        /** Comma-separated items. */
        LIST,
        /** {@code true} or {@code false}, in any case. */
        FLAG,
        /** A whole number of at least 1; unset means its default, or off when it has none. */
        COUNT
    }

    private final String key;
    private final Type type;
    private final boolean perBind;
    private final String defaultValue;

    Key(String key, Type type, boolean perBind, String defaultValue) {
        this.key = key;
        this.type = type;
        this.perBind = perBind;
        this.defaultValue = defaultValue;
    }

    /**
     * The key as users write it.
     *
     * @return for example {@code db.url}
     */
    public String key() {
        return key;
    }

    /**
     * How the value is checked.
     *
     * @return the type
     */
    public Type type() {
        return type;
    }

    /**
     * Whether every bind takes this key under its own prefix.
     *
     * @return true for the keys of one database, false for the Database's own
     */
    public boolean perBind() {
        return perBind;
    }

    /**
     * The value used when no source sets the key.
     *
     * @return the default, or null when the key has none
     */
    public String defaultValue() {
        return defaultValue;
    }

    /**
     * The key that must be on for this one to have any effect, checked at start-up.
     *
     * @return the required key, or null
     */
    public Key requires() {
        if (this == SERVER_TIMING || this == WARN_QUERIES) {
            return RECORD_QUERIES;
        }
        return this == REPLICA_USER || this == REPLICA_PASSWORD ? REPLICA_URL : null;
    }

    /**
     * The key as a bind names it: {@code db.bind.analytics.url} for {@code db.url}.
     *
     * @param bind the bind's name, or null for the default bind
     * @return the real key
     */
    public String in(String bind) {
        return bind == null ? key : BIND_PREFIX + bind + "." + key.substring(3);
    }

    /**
     * The environment variable that overrides a key: {@code DB_POOL_MAXIMUMPOOLSIZE} for
     * {@code db.pool.maximumPoolSize}.
     *
     * @param key a real key
     * @return its environment variable's name
     */
    public static String envName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /**
     * The key declared as {@code key}, or null.
     *
     * @param key a real key of the default bind or the Database
     * @return its declaration, or null when none has that name
     */
    public static Key of(String key) {
        for (Key candidate : values()) {
            if (candidate.key.equals(key)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Every key a bind takes, written under that bind's prefix, without the pool's.
     *
     * @param bind the bind's name, or null for the default bind and the Database's own keys
     * @return the real keys
     */
    public static List<String> names(String bind) {
        var names = new ArrayList<String>();
        for (Key candidate : values()) {
            if (bind == null || candidate.perBind) {
                names.add(candidate.in(bind));
            }
        }
        return names;
    }
}

package io.dbfilter.internal.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings that would otherwise be silently ignored. A key that is one of ours in the wrong case
 * or with {@code _} for {@code .} ({@code DB.url}, {@code db_url}) is an error: nothing else would
 * read it. An environment variable that starts with {@code DB_} but names no key, and an
 * {@code eclipselink.*} key that EclipseLink does not define, get one warning each: other software
 * may own a {@code DB_HOST}, and EclipseLink reads some keys by prefix or from its extensions.
 */
final class Misspellings {
    private static final Logger LOG = LoggerFactory.getLogger("io.dbfilter.Database");
    private static final Set<String> ECLIPSELINK = eclipseLinkKeys();

    private Misspellings() {
    }

    /** Fails on a key from {@code source} that is ours but misspelt. */
    static void checkGiven(Map<String, String> keys, String source, List<String> valid) {
        for (String key : keys.keySet()) {
            if (key.startsWith("db.")) {
                continue;
            }
            String meant = ours(key.toLowerCase(Locale.ROOT).replace('_', '.'), valid);
            if (meant != null) {
                throw new IllegalArgumentException("dbfilter: the setting " + key + " (" + source + ") is not read:"
                        + " keys are written in lower case with dots. Did you mean " + meant + "?");
            }
        }
    }

    /** Fails on an environment variable of ours in the wrong case; warns of one that names no key. */
    static void checkEnvironment(Map<String, String> env, List<String> valid) {
        var names = new TreeSet<String>();
        valid.forEach(key -> names.add(Key.envName(key)));
        for (String variable : env.keySet()) {
            if (!variable.regionMatches(true, 0, "DB_", 0, 3) || names.contains(variable)) {
                continue;
            }
            if (names.contains(variable.toUpperCase(Locale.ROOT))) {
                throw new IllegalArgumentException("dbfilter: the environment variable " + variable + " is not read:"
                        + " the names are upper case. Did you mean " + variable.toUpperCase(Locale.ROOT) + "?");
            }
            LOG.warn("dbfilter: the environment variable {} names no dbfilter setting and is ignored.{} If it"
                    + " belongs to other software, ignore this warning.", variable, Suggestion.of(variable, names));
        }
    }

    /** Warns of each {@code eclipselink.*} key that EclipseLink defines neither as a key nor as a prefix. */
    static void checkEclipseLink(Iterable<String> keys) {
        for (String key : keys) {
            if (key.startsWith("eclipselink.") && !isEclipseLinkKey(key)) {
                LOG.warn("dbfilter: {} is not a property that EclipseLink defines, so it probably does nothing.{}",
                        key, Suggestion.of(key, ECLIPSELINK));
            }
        }
    }

    private static boolean isEclipseLinkKey(String key) {
        for (String known : ECLIPSELINK) {
            if (known.equals(key) || known.endsWith(".") && key.startsWith(known)) {
                return true;
            }
        }
        return false;
    }

    private static String ours(String normalized, List<String> valid) {
        for (String key : valid) {
            if (key.equalsIgnoreCase(normalized)) {
                return key;
            }
        }
        if (normalized.startsWith(Key.POOL_PREFIX) || normalized.startsWith(Key.BIND_PREFIX)) {
            return "db." + normalized.substring(3);
        }
        return null;
    }

    private static Set<String> eclipseLinkKeys() {
        var keys = new TreeSet<String>();
        for (Field field : PersistenceUnitProperties.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    String value = (String) field.get(null);
                    if (value != null && value.startsWith("eclipselink.")) {
                        keys.add(value);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return keys;
    }

    /** Every registered key of the default bind and the Database. */
    static List<String> registered() {
        return new ArrayList<>(Key.names(null));
    }
}

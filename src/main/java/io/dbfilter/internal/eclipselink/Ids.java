package io.dbfilter.internal.eclipselink;

import java.math.BigInteger;
import java.util.Map;
import java.util.UUID;

/**
 * Turns the id given to {@code Db.getOr404} into the entity's key type, so that a path segment
 * such as "42" finds row 42 of a Long key, and an id that cannot be a key ("abc", 4.2, a key of
 * another entity) is a 404 rather than the IllegalArgumentException JPA throws for it.
 */
public final class Ids {
    private static final Map<Class<?>, Class<?>> BOXES = Map.of(long.class, Long.class, int.class, Integer.class,
            short.class, Short.class, byte.class, Byte.class);

    private Ids() {
    }

    /** The id as a {@code keyType}, or null when it cannot be one, so that no row can have it. */
    public static Object key(Object id, Class<?> keyType) {
        Class<?> type = BOXES.getOrDefault(keyType, keyType);
        if (id == null || type.isInstance(id)) {
            return id;
        }
        if (id instanceof String text) {
            return fromText(text, type);
        }
        if (isIntegral(id.getClass()) && isIntegral(type)) {
            return integral(new BigInteger(id.toString()), type);
        }
        return null;
    }

    private static Object fromText(String text, Class<?> type) {
        try {
            if (isIntegral(type)) {
                return integral(new BigInteger(text), type);
            }
            if (type == UUID.class) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException notParsable) {
            // NumberFormatException is one too: text that is not a key matches no row.
        }
        return null;
    }

    private static boolean isIntegral(Class<?> type) {
        return type == Long.class || type == Integer.class || type == Short.class || type == Byte.class
                || type == BigInteger.class;
    }

    /** The number as {@code type}, or null when it does not fit. */
    private static Object integral(BigInteger number, Class<?> type) {
        try {
            if (type == Long.class) {
                return number.longValueExact();
            }
            if (type == Integer.class) {
                return number.intValueExact();
            }
            if (type == Short.class) {
                return number.shortValueExact();
            }
            if (type == Byte.class) {
                return number.byteValueExact();
            }
            return number;
        } catch (ArithmeticException outOfRange) {
            return null;
        }
    }
}

package io.dbfilter.internal.keyset;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The sort values a cursor can hold, written as text that reads back to an equal value of the
 * attribute's type: numbers, strings, booleans, UUIDs, enums (by name) and the java.time types
 * that JPA maps. {@code java.util.Date} and {@code Calendar} are left out: their text is not
 * exact, and JPA 3.2 deprecates them for java.time.
 */
final class Values {
    private static final Map<Class<?>, Function<String, Object>> READERS = Map.ofEntries(
            Map.entry(String.class, text -> text),
            Map.entry(Long.class, Long::valueOf),
            Map.entry(Integer.class, Integer::valueOf),
            Map.entry(Short.class, Short::valueOf),
            Map.entry(Byte.class, Byte::valueOf),
            Map.entry(Double.class, Double::valueOf),
            Map.entry(Float.class, Float::valueOf),
            Map.entry(BigInteger.class, BigInteger::new),
            Map.entry(BigDecimal.class, BigDecimal::new),
            Map.entry(Boolean.class, Boolean::valueOf),
            Map.entry(Character.class, text -> text.charAt(0)),
            Map.entry(UUID.class, UUID::fromString),
            Map.entry(Instant.class, Instant::parse),
            Map.entry(LocalDate.class, LocalDate::parse),
            Map.entry(LocalDateTime.class, LocalDateTime::parse),
            Map.entry(LocalTime.class, LocalTime::parse),
            Map.entry(OffsetDateTime.class, OffsetDateTime::parse));
    private static final Map<Class<?>, Class<?>> BOXES = Map.of(long.class, Long.class, int.class, Integer.class,
            short.class, Short.class, byte.class, Byte.class, double.class, Double.class, float.class, Float.class,
            boolean.class, Boolean.class, char.class, Character.class);

    private Values() {
    }

    /** The boxed type for a primitive, else {@code type}. */
    static Class<?> boxed(Class<?> type) {
        return BOXES.getOrDefault(type, type);
    }

    static boolean supports(Class<?> type) {
        Class<?> boxed = boxed(type);
        return boxed.isEnum() || READERS.containsKey(boxed);
    }

    /** The names of the supported types, for the message that refuses another. */
    static String supported() {
        return "String, Long, Integer, Short, Byte, Double, Float, BigInteger, BigDecimal, Boolean, Character, UUID,"
                + " an enum, Instant, LocalDate, LocalDateTime, LocalTime, OffsetDateTime (or their primitives)";
    }

    static String write(Object value) {
        return value instanceof Enum<?> constant ? constant.name() : value.toString();
    }

    /**
     * The value of {@code text} as a {@code type}.
     *
     * @throws BadCursor when the text is no such value
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object read(String text, Class<?> type) {
        Class<?> boxed = boxed(type);
        try {
            if (boxed.isEnum()) {
                return Enum.valueOf((Class<? extends Enum>) boxed, text);
            }
            return READERS.get(boxed).apply(text);
        } catch (RuntimeException notThatType) {
            throw new BadCursor("dbfilter: the cursor holds '" + text + "', which is no " + boxed.getSimpleName());
        }
    }
}

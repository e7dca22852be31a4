package io.dbfilter.internal.keyset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The sort values a cursor holds come back equal, of the attribute's type. */
class ValuesTest {
    @Test
    void everySupportedValueReadsBackEqual() {
        List<Object> values = List.of("ünïcode, commas; and \"quotes\"", "", Long.MIN_VALUE, Integer.MAX_VALUE,
                (short) -7, (byte) 3, 0.1 + 0.2, Double.MIN_VALUE, 1.5e-7f, new BigInteger("123456789012345678901234567890"),
                new BigDecimal("1E+3"), new BigDecimal("-0.000100"), true, 'x', UUID.randomUUID(), DayOfWeek.FRIDAY,
                Instant.parse("2026-11-30T12:00:00.123456789Z"), LocalDate.of(1, 1, 1),
                LocalDateTime.of(2026, 11, 30, 23, 59, 59, 999_999_999), LocalTime.MIDNIGHT,
                OffsetDateTime.of(2026, 11, 30, 12, 0, 0, 1, ZoneOffset.ofHours(-5)));
        for (Object value : values) {
            assertEquals(value, Values.read(Values.write(value), value.getClass()), value.getClass().getName());
        }
    }

    @Test
    void primitivesReadAsTheirBoxes() {
        assertEquals(42L, Values.read("42", long.class));
        assertEquals(true, Values.read("true", boolean.class));
        assertTrue(Values.supports(int.class));
    }

    @Test
    void typesWhoseTextIsNotExactAreNotSupported() {
        assertFalse(Values.supports(Date.class));
        assertFalse(Values.supports(Calendar.class));
        assertFalse(Values.supports(byte[].class));
    }

    @Test
    void textOfAnotherTypeIsABadCursorNamingTheType() {
        var bad = assertThrows(BadCursor.class, () -> Values.read("abc", Long.class));

        assertTrue(bad.getMessage().contains("'abc', which is no Long"), bad.getMessage());
        assertThrows(BadCursor.class, () -> Values.read("SUNDAYS", DayOfWeek.class));
        assertThrows(BadCursor.class, () -> Values.read("", Character.class));
    }
}

package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dbfilter.internal.eclipselink.Ids;
import java.math.BigInteger;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How getOr404 turns an id into the entity's key type: what can be a key is converted, the rest matches no row. */
class IdsTest {
    @Test
    void idOfTheKeyTypeIsKept() {
        assertEquals(42L, Ids.key(42L, Long.class));
        assertEquals("abc", Ids.key("abc", String.class));
    }

    @Test
    void textThatParsesToTheKeyTypeIsConverted() {
        assertEquals(42L, Ids.key("42", Long.class));
        assertEquals(42L, Ids.key("42", long.class));
        assertEquals(42, Ids.key("42", Integer.class));
        assertEquals((short) 42, Ids.key("42", Short.class));
        assertEquals((byte) 42, Ids.key("42", byte.class));
        assertEquals(new BigInteger("123456789012345678901234567890"), Ids.key("123456789012345678901234567890",
                BigInteger.class));
        UUID uuid = UUID.randomUUID();
        assertEquals(uuid, Ids.key(uuid.toString(), UUID.class));
    }

    @Test
    void textThatIsNotAKeyMatchesNoRow() {
        assertNull(Ids.key("abc", Long.class));
        assertNull(Ids.key("", Long.class));
        assertNull(Ids.key(" 42", Long.class));
        assertNull(Ids.key("4.2", Long.class));
        assertNull(Ids.key("not-a-uuid", UUID.class));
        assertNull(Ids.key("42", java.time.LocalDate.class));
    }

    @Test
    void numberOutsideTheKeyTypesRangeMatchesNoRow() {
        assertNull(Ids.key("99999999999999999999", Long.class));
        assertNull(Ids.key("3000000000", Integer.class));
        assertNull(Ids.key(3_000_000_000L, Integer.class));
        assertNull(Ids.key(300, Byte.class));
    }

    @Test
    void integerOfAnotherWidthIsConvertedWhenItFits() {
        assertEquals(42L, Ids.key(42, Long.class));
        assertEquals(42, Ids.key(42L, Integer.class));
        assertEquals(42L, Ids.key(BigInteger.valueOf(42), Long.class));
    }

    @Test
    void otherTypesMatchNoRow() {
        assertNull(Ids.key(4.2, Long.class));
        assertNull(Ids.key(42.0, Long.class));
        assertNull(Ids.key(42L, String.class));
        assertNull(Ids.key(new Object(), Long.class));
        assertNull(Ids.key(null, Long.class));
    }
}

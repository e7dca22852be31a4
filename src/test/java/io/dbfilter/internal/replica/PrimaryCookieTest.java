package io.dbfilter.internal.replica;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The read-your-writes cookie holds nothing but a time, and only a holder of the key can make one. */
class PrimaryCookieTest {
    private static final long NOW = 1_800_000_000_000L;

    @Test
    void aCookieIsValidUntilItsWindowEnds() {
        var cookie = new PrimaryCookie("key", 5000);
        String value = cookie.issue(NOW);

        assertTrue(cookie.valid(value, NOW));
        assertTrue(cookie.valid(value, NOW + 4999));
        assertFalse(cookie.valid(value, NOW + 5000));
    }

    @Test
    void aCookieSignedWithTheSameSecretIsValidOnAnotherNode() {
        assertTrue(new PrimaryCookie("shared", 5000).valid(new PrimaryCookie("shared", 5000).issue(NOW), NOW));
        assertFalse(new PrimaryCookie("other", 5000).valid(new PrimaryCookie("shared", 5000).issue(NOW), NOW));
        assertFalse(new PrimaryCookie(null, 5000).valid(new PrimaryCookie(null, 5000).issue(NOW), NOW),
                "random keys of two starts differ");
    }

    @Test
    void aStretchedOrForgedCookieIsRefused() {
        var cookie = new PrimaryCookie("key", 5000);
        String value = cookie.issue(NOW);
        String signature = value.substring(value.indexOf('.'));

        assertFalse(cookie.valid((NOW + 60_000) + signature, NOW), "a later time under the old signature");
        assertFalse(cookie.valid(value.substring(0, value.length() - 1) + "A", NOW));
        assertFalse(cookie.valid("x" + value, NOW));
        assertFalse(cookie.valid("", NOW));
        assertFalse(cookie.valid(null, NOW));
        assertFalse(cookie.valid(String.valueOf(NOW + 1000), NOW));
    }

    @Test
    void aCookieFromFurtherAheadThanOneWindowIsRefusedEvenWhenSigned() {
        var longer = new PrimaryCookie("key", 60_000);
        var shorter = new PrimaryCookie("key", 5000);

        assertFalse(shorter.valid(longer.issue(NOW), NOW));
    }
}

package io.dbfilter.internal.replica;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The read-your-writes cookie: until when a client reads from the primary, signed so that nothing
 * but this Database (or its peers with the same {@code db.replica.secret}) can set or stretch it.
 * It holds no session and no user data, only that time: {@code <epoch millis>.<HMAC-SHA256>}.
 */
final class PrimaryCookie {
    /** The cookie's name. */
    static final String NAME = "dbfilter-primary";
    private static final String ALGORITHM = "HmacSHA256";
    /** 128 bits of the MAC are plenty for a value that expires in seconds. */
    private static final int SIGNATURE_BYTES = 16;
    /** Milliseconds (at most 18 digits, so they parse), a dot, and 16 bytes in unpadded base64url. */
    private static final Pattern FORM = Pattern.compile("([0-9]{1,18})\\.([A-Za-z0-9_-]{22})");

    private final SecretKeySpec key;
    private final long windowMillis;

    /**
     * @param secret       the signing key, or null for a random one of this JVM
     * @param windowMillis how long a client reads from the primary after it committed
     */
    PrimaryCookie(String secret, long windowMillis) {
        byte[] bytes;
        if (secret == null) {
            bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
        } else {
            bytes = secret.getBytes(StandardCharsets.UTF_8);
        }
        this.key = new SecretKeySpec(bytes, ALGORITHM);
        this.windowMillis = windowMillis;
    }

    long windowMillis() {
        return windowMillis;
    }

    /** The value of a cookie that lasts {@link #windowMillis()} from {@code now}. */
    String issue(long now) {
        long until = now + windowMillis;
        return until + "." + sign(until);
    }

    /**
     * Whether {@code value} is a cookie this key signed that has not expired at {@code now}. A value
     * whose time lies further ahead than one window was not issued by a peer with the same setting,
     * and is refused too.
     */
    boolean valid(String value, long now) {
        Matcher parts = value == null ? null : FORM.matcher(value);
        if (parts == null || !parts.matches()) {
            return false;
        }
        long until = Long.parseLong(parts.group(1));
        if (until <= now || until - now > windowMillis) {
            return false;
        }
        byte[] given = parts.group(2).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(given, sign(until).getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(long until) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] full = mac.doFinal((NAME + ":" + until).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, SIGNATURE_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("dbfilter: this JVM has no " + ALGORITHM + ", which every Java SE has", e);
        }
    }
}

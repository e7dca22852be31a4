package io.dbfilter.internal.keyset;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Writes a position as an opaque, URL-safe cursor and reads it back: a version, the direction
 * (and whether the row itself is included) and the sort values as text, followed by a check of 12 bytes, the start of SHA-256 over the query's
 * fingerprint and the rest. A cursor written by another query, cut short or altered fails the
 * check and is refused before any value is read.
 *
 * <p>The check is not a signature: someone who knows the query's JPQL could write a cursor that
 * passes. It can only start a window at values of their choosing, which shows no row that the
 * query itself would not show.
 */
final class Cursors {
    private static final int VERSION = 1;
    private static final int CHECK_BYTES = 12;
    /** Far beyond any real cursor; a longer one is refused before it is decoded. */
    private static final int MAX_LENGTH = 8192;

    private Cursors() {
    }

    static String write(Position position, SortOrder order) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeByte((position.backward() ? 1 : 0) | (position.inclusive() ? 2 : 0));
            out.writeShort(position.values().size());
            for (Object value : position.values()) {
                byte[] text = Values.write(value).getBytes(StandardCharsets.UTF_8);
                out.writeInt(text.length);
                out.write(text);
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        byte[] payload = bytes.toByteArray();
        byte[] cursor = Arrays.copyOf(payload, payload.length + CHECK_BYTES);
        System.arraycopy(check(payload, order), 0, cursor, payload.length, CHECK_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(cursor);
    }

    /**
     * The position in {@code cursor}, written by a query of this order.
     *
     * @throws BadCursor for anything else
     */
    static Position read(String cursor, SortOrder order) {
        if (cursor.length() > MAX_LENGTH) {
            throw new BadCursor("dbfilter: the cursor is " + cursor.length() + " characters long, longer than any"
                    + " cursor scroll writes");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException notBase64) {
            throw new BadCursor("dbfilter: the cursor is not URL-safe Base64: " + notBase64.getMessage());
        }
        if (bytes.length <= CHECK_BYTES) {
            throw new BadCursor("dbfilter: the cursor is too short to be one that scroll wrote");
        }
        byte[] payload = Arrays.copyOf(bytes, bytes.length - CHECK_BYTES);
        byte[] check = Arrays.copyOfRange(bytes, payload.length, bytes.length);
        if (!MessageDigest.isEqual(check, Arrays.copyOf(check(payload, order), CHECK_BYTES))) {
            throw new BadCursor("dbfilter: the cursor was not written for this query (another query's, or altered)");
        }
        try {
            return position(new DataInputStream(new ByteArrayInputStream(payload)), order);
        } catch (IOException cutShort) {
            throw new BadCursor("dbfilter: the cursor ends too early");
        }
    }

    private static Position position(DataInputStream in, SortOrder order) throws IOException {
        int version = in.readByte();
        if (version != VERSION) {
            throw new BadCursor("dbfilter: the cursor has version " + version + ", not " + VERSION);
        }
        int direction = in.readByte();
        if (direction < 0 || direction > 3) {
            throw new BadCursor("dbfilter: the cursor has no direction " + direction);
        }
        int count = in.readShort();
        List<SortKey> keys = order.keys();
        if (count != keys.size()) {
            throw new BadCursor("dbfilter: the cursor holds " + count + " values for an order of " + keys.size());
        }
        var values = new ArrayList<Object>();
        for (SortKey key : keys) {
            int length = in.readInt();
            if (length < 0 || length > in.available()) {
                throw new BadCursor("dbfilter: the cursor ends too early");
            }
            values.add(Values.read(new String(in.readNBytes(length), StandardCharsets.UTF_8), key.type()));
        }
        return new Position((direction & 1) != 0, (direction & 2) != 0, values);
    }

    private static byte[] check(byte[] payload, SortOrder order) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update(order.fingerprint().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            return Arrays.copyOf(digest.digest(payload), CHECK_BYTES);
        } catch (NoSuchAlgorithmException everyJavaHasIt) {
            throw new IllegalStateException(everyJavaHasIt);
        }
    }
}

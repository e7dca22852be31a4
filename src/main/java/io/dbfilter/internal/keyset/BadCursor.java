package io.dbfilter.internal.keyset;

/**
 * A cursor that this query did not write: altered, cut short, or written by another query. The API
 * turns it into a 400 answer; the message is for the log.
 */
public final class BadCursor extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadCursor(String message) {
        super(message);
    }
}

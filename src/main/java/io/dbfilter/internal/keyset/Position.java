package io.dbfilter.internal.keyset;

import java.util.List;

/**
 * Where a window starts: just after the row with these sort values ({@code backward} false), or
 * just before it ({@code backward} true), or at that row itself ({@code inclusive}). The values
 * are in the order of the sort keys, the id last when it was appended.
 */
public record Position(boolean backward, boolean inclusive, List<Object> values) {
    /**
     * The way back from a window that found no row beyond this position (rows deleted since): the
     * other direction, from the same row and including it, so that it leads back to the window the
     * cursor came from.
     */
    public Position turned() {
        return new Position(!backward, true, values);
    }
}

package io.dbfilter.internal.keyset;

import java.util.List;

/**
 * Where a window starts: just after the row with these sort values ({@code backward} false), or
 * just before it ({@code backward} true). The values are in the order of the sort keys, the id
 * last when it was appended.
 */
public record Position(boolean backward, List<Object> values) {
    /** The same row, seen from the other side: the position of the window on its other side. */
    public Position turned() {
        return new Position(!backward, values);
    }
}

package io.dbfilter;

import io.dbfilter.internal.eclipselink.CountQuery;
import io.dbfilter.internal.keyset.BadCursor;
import io.dbfilter.internal.keyset.KeysetQuery;
import io.dbfilter.internal.keyset.Position;
import io.dbfilter.internal.scope.ScopeState;
import io.dbfilter.internal.scope.ThreadScope;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * One window of a query's rows, read by keys rather than by offset, as returned by
 * {@link Db#scroll(TypedQuery, String, int)}: the rows, and opaque cursors that load the window
 * after and the window before. Iterating over it iterates over {@link #items()}.
 *
 * <pre>{@code
 * Window<User> users = Db.scroll(
 *         Db.session().createQuery("select u from User u order by u.createdAt desc", User.class), 20);
 * for (User user : users) { ... }
 * if (users.hasNext()) { ... "?cursor=" + users.next() ... }
 * }</pre>
 *
 * <p>A window costs the same however deep it is, and rows inserted or deleted between two windows
 * never make a row that was there all along show twice or not at all. There are no page numbers and
 * no count; {@link #total()} counts on request. See docs/queries.md, "Offset or keyset".
 *
 * @param <T> the type of the items, an entity
 * @since 0.1
 */
public final class Window<T> implements Iterable<T> {
    /** The text of the 400 page for a cursor that this query did not write. */
    static final String BAD_CURSOR = "The cursor is not valid for this list; start again from its first page.";

    private final TypedQuery<T> query;
    private final List<T> items;
    private final String next;
    private final String previous;
    private Long total;

    /** The cursors for rows {@code after} and {@code before} this window's. */
    private Window(TypedQuery<T> query, List<T> items, boolean after, boolean before, KeysetQuery<T> keyset,
            Position from) {
        this.query = query;
        this.items = Collections.unmodifiableList(items);
        if (items.isEmpty()) {
            // Nothing beyond the cursor (rows deleted since): the way back leads to the cursor's own window.
            next = after ? keyset.cursor(from.turned()) : null;
            previous = before ? keyset.cursor(from.turned()) : null;
        } else {
            List<T> bounds = new ArrayList<>();
            if (before) {
                bounds.add(items.get(0));
            }
            if (after) {
                bounds.add(items.get(items.size() - 1));
            }
            List<List<Object>> values = keyset.values(bounds);
            previous = before ? keyset.cursor(new Position(true, false, values.get(0))) : null;
            next = after ? keyset.cursor(new Position(false, false, values.get(values.size() - 1))) : null;
        }
    }

    /**
     * The rows of this window, in the query's order.
     *
     * @return an unmodifiable list, at most as long as the size asked for; empty when the query
     *         has no row beyond the cursor
     */
    public List<T> items() {
        return items;
    }

    /**
     * Iterates over {@link #items()}.
     *
     * @return an iterator over this window's rows
     */
    @Override
    public Iterator<T> iterator() {
        return items.iterator();
    }

    /**
     * Whether rows follow this window. Known without a count: the window read one row more than
     * it shows. A window read backwards (from a {@link #previous()} cursor) always has rows after it.
     *
     * @return true when {@link #next()} is a cursor
     */
    public boolean hasNext() {
        return next != null;
    }

    /**
     * Whether rows come before this window: false for the first window, true for a window read
     * forwards from a cursor, and for a window read backwards, whether it read one row more than
     * it shows.
     *
     * @return true when {@link #previous()} is a cursor
     */
    public boolean hasPrevious() {
        return previous != null;
    }

    /**
     * The cursor of the window after this one, to pass back as the {@code cursor} of the next call
     * (a request's {@code ?cursor=} parameter): URL-safe Base64 of the last row's sort values, and
     * checked, so that a cursor of another query or an altered one is refused with 400.
     *
     * @return the cursor, or null when no rows follow
     */
    public String next() {
        return next;
    }

    /**
     * The cursor of the window before this one, which ends with the row just before this window's
     * first.
     *
     * @return the cursor, or null when this is the first window
     */
    public String previous() {
        return previous;
    }

    /**
     * Counts the query's rows, all of them, not only those beyond the cursor: one
     * {@code SELECT COUNT(*)} statement on the first call, the same count as
     * {@link Db#paginate(TypedQuery)} runs. The answer is remembered. Call it inside the scope
     * (request) that created the query. Keyset windows exist to avoid this statement on a large
     * table; ask for it only where the page shows the number.
     *
     * @return the number of rows the query returns
     * @throws IllegalArgumentException for a query that cannot be counted (see docs/queries.md)
     */
    public long total() {
        if (total == null) {
            total = CountQuery.of(query).run();
        }
        return total;
    }

    @Override
    public String toString() {
        return "Window[items=" + items.size() + ", hasNext=" + hasNext() + ", hasPrevious=" + hasPrevious() + "]";
    }

    /** The cursor of the current request's {@code cursor} parameter, or null outside a request or without one. */
    static String requestCursor() {
        ScopeState scope = ThreadScope.current();
        return scope == null || scope.request() == null ? null : scope.request().parameter("cursor");
    }

    /** Loads one window of {@code query}; see {@link Db#scroll(TypedQuery, String, int)}. */
    static <T> Window<T> load(TypedQuery<T> query, String cursor, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("dbfilter: scroll needs a size of at least 1, not " + size);
        }
        KeysetQuery<T> keyset = KeysetQuery.of(query);
        Position from = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                from = keyset.read(cursor.strip());
            } catch (BadCursor bad) {
                throw new BadRequestException(BAD_CURSOR, bad.getMessage());
            }
        }
        boolean backward = from != null && from.backward();
        var rows = new ArrayList<>(keyset.rows(from, size == Integer.MAX_VALUE ? size : size + 1));
        boolean more = rows.size() > size;
        if (more) {
            // The extra row is the one furthest from the cursor: the first when reading backwards.
            rows.remove(backward ? 0 : rows.size() - 1);
        }
        return new Window<>(query, rows, backward || more, backward ? more : from != null, keyset, from);
    }
}

package io.dbfilter;

import io.dbfilter.internal.eclipselink.CountQuery;
import io.dbfilter.internal.eclipselink.QueryCopy;
import io.dbfilter.internal.jdbc.Pin;
import io.dbfilter.internal.scope.ScopeState;
import io.dbfilter.internal.scope.ThreadScope;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * One page of a query's results, with the numbers needed to render page links, as returned by
 * {@link Db#paginate(TypedQuery)}; the attributes are those of Flask-SQLAlchemy's
 * {@code Pagination}. Iterating over it iterates over {@link #items()}.
 *
 * <pre>{@code
 * Pagination<User> page = Db.paginate(
 *         Db.session().createQuery("select u from User u order by u.username", User.class));
 * for (User user : page) { ... }
 * }</pre>
 *
 * @param <T> the type of the items
 * @since 0.1
 */
public final class Pagination<T> implements Iterable<T> {
    private final TypedQuery<T> query;
    private final PageRequest request;
    private final List<T> items;
    private final Long total;

    /** {@code request} is resolved: its page and perPage are set and valid. */
    Pagination(TypedQuery<T> query, PageRequest request, List<T> items, Long total) {
        this.query = query;
        this.request = request;
        this.items = Collections.unmodifiableList(new ArrayList<>(items));
        this.total = total;
    }

    /**
     * The number of this page.
     *
     * @return the page number, from 1
     */
    public int page() {
        return request.page();
    }

    /**
     * The greatest number of items on a page, after the maxPerPage cap.
     *
     * @return the items per page
     */
    public int perPage() {
        return request.perPage();
    }

    /**
     * The cap on perPage that was asked for.
     *
     * @return the cap, or null for none
     */
    public Integer maxPerPage() {
        return request.maxPerPage();
    }

    /**
     * The number of rows over all pages.
     *
     * @return the total, or null when counting was switched off with {@link PageRequest#count(boolean)}
     */
    public Long total() {
        return total;
    }

    /**
     * The items on this page, in the query's order.
     *
     * @return an unmodifiable list, empty for a page past the end
     */
    public List<T> items() {
        return items;
    }

    /**
     * Iterates over {@link #items()}.
     *
     * @return an iterator over the items on this page
     */
    @Override
    public Iterator<T> iterator() {
        return items.iterator();
    }

    /**
     * The number of pages: ceil(total / perPage).
     *
     * @return the page count, 0 when there are no rows or the total was not counted
     */
    public int pages() {
        if (total == null || total == 0) {
            return 0;
        }
        long pages = (total + perPage() - 1) / perPage();
        // Page numbers are ints (JPA offsets are ints too), so more pages than that cannot be asked for.
        return (int) Math.min(pages, Integer.MAX_VALUE);
    }

    /**
     * The position of the first item on this page among all rows, for "showing 41 - 60 of 500".
     *
     * @return the 1-based position, or 0 when this page is empty
     */
    public int first() {
        return items.isEmpty() ? 0 : (page() - 1) * perPage() + 1;
    }

    /**
     * The position of the last item on this page among all rows.
     *
     * @return max(first, first + items - 1): 0 when this page is empty
     */
    public int last() {
        return Math.max(first(), first() + items.size() - 1);
    }

    /**
     * Whether there is a page before this one.
     *
     * @return true when page is above 1
     */
    public boolean hasPrev() {
        return page() > 1;
    }

    /**
     * The number of the page before this one.
     *
     * @return page - 1, or null when this is page 1
     */
    public Integer prevNum() {
        return hasPrev() ? page() - 1 : null;
    }

    /**
     * Whether there is a page after this one.
     *
     * @return true when page is below {@link #pages()}; always false when the total was not counted
     */
    public boolean hasNext() {
        return page() < pages();
    }

    /**
     * The number of the page after this one.
     *
     * @return page + 1, or null when {@link #hasNext()} is false
     */
    public Integer nextNum() {
        return hasNext() ? page() + 1 : null;
    }

    /**
     * Loads the page before this one, as Flask-SQLAlchemy's {@code prev()} does: the same query
     * with the same perPage, maxPerPage and count setting, errorOut off, and this page's total
     * instead of a second count. It runs the query again, so call it inside the scope that created
     * the query.
     *
     * @return the previous page; page 1 again when this is page 1
     */
    public Pagination<T> prev() {
        return neighbour(page() - 1);
    }

    /**
     * Loads the page after this one, as Flask-SQLAlchemy's {@code next()} does: the same query with
     * the same perPage, maxPerPage and count setting, errorOut off, and this page's total instead
     * of a second count. It runs the query again, so call it inside the scope that created the
     * query.
     *
     * @return the next page, empty when this was the last one
     */
    public Pagination<T> next() {
        return neighbour(page() + 1);
    }

    private Pagination<T> neighbour(int page) {
        return load(query, request.page(page).errorOut(false), total);
    }

    /**
     * The page numbers for page links with the default edges: {@code iterPages(2, 2, 4, 2)}.
     *
     * @return page numbers, with null where numbers are skipped
     * @see #iterPages(int, int, int, int)
     */
    public List<Integer> iterPages() {
        return iterPages(2, 2, 4, 2);
    }

    /**
     * The page numbers for page links, as Flask-SQLAlchemy's {@code iter_pages}: the first
     * leftEdge pages, the pages from page - leftCurrent to page + rightCurrent, and the last
     * rightEdge pages, each clipped to the existing pages and joined without repeats, with a null
     * wherever numbers are skipped (also before the first or after the last number shown). With
     * 25 pages, page 6 gives {@code [1, 2, null, 4, 5, 6, 7, 8, 9, 10, null, 24, 25]}.
     *
     * <p>With the default edges this is exactly Flask's output. Flask's code repeats a number or
     * puts a gap between neighbours for some custom edges, and leaves out the last pages on a
     * page past the end; this follows the rule above instead.
     *
     * @param leftEdge     how many pages to show at the start
     * @param leftCurrent  how many pages to show before the current one
     * @param rightCurrent how many pages to show after the current one
     * @param rightEdge    how many pages to show at the end
     * @return page numbers in ascending order, with null where numbers are skipped; empty when
     *         there are no pages
     */
    public List<Integer> iterPages(int leftEdge, int leftCurrent, int rightCurrent, int rightEdge) {
        long pages = pages();
        long page = page();
        long[][] windows = {{1, leftEdge}, {page - leftCurrent, page + rightCurrent}, {pages - rightEdge + 1, pages}};
        Arrays.sort(windows, Comparator.comparingLong(window -> window[0]));
        var numbers = new ArrayList<Integer>();
        long next = 1;
        for (long[] window : windows) {
            long from = Math.max(Math.max(window[0], 1), next);
            long to = Math.min(window[1], pages);
            if (from > to) {
                continue;
            }
            if (from > next) {
                numbers.add(null);
            }
            for (long number = from; number <= to; number++) {
                numbers.add((int) number);
            }
            next = to + 1;
        }
        if (next <= pages) {
            numbers.add(null);
        }
        return numbers;
    }

    @Override
    public String toString() {
        return "Pagination[page=" + page() + ", perPage=" + perPage() + ", total=" + total + ", items="
                + items.size() + "]";
    }

    /** Loads one page of {@code query}; see {@link Db#paginate(TypedQuery, PageRequest)}. */
    static <T> Pagination<T> load(TypedQuery<T> query, PageRequest options) {
        return load(query, options, null);
    }

    /** Loads a page; {@code known} is the total of a neighbouring page, which spares the count. */
    private static <T> Pagination<T> load(TypedQuery<T> query, PageRequest options, Long known) {
        ScopeState scope = ThreadScope.current();
        PageRequest request = options.resolve(scope == null ? null : scope.request());
        // Built before the rows so that a query that cannot be paged fails before it runs.
        CountQuery count = known == null ? CountQuery.of(query) : null;
        int page = request.page();
        int perPage = request.perPage();
        long offset = (long) (page - 1) * perPage;
        List<T> items;
        Long total = known;
        // The rows and the count on one connection, as hand-written JDBC would run them (see Pin).
        try (Pin pin = Pin.open()) {
            // JPA offsets are ints; a page that starts beyond them is treated as past the end.
            items = offset + perPage > Integer.MAX_VALUE ? List.of() : rows(query, (int) offset, perPage);
            if (items.isEmpty() && page != 1 && request.errorOut()) {
                throw new NotFoundException(request.notFound(), "dbfilter: page " + page + " is past the end of the query's rows");
            }
            if (known == null && request.count()) {
                // A short page that exists is the last page, so the rows before it plus its own are all rows.
                boolean lastPage = (!items.isEmpty() || page == 1) && items.size() < perPage;
                total = lastPage ? offset + items.size() : count.run();
            }
        }
        return new Pagination<>(query, request, items, total);
    }

    /** Runs a copy of the query for one page, so that the caller's query is not changed (see {@link QueryCopy}). */
    private static <T> List<T> rows(TypedQuery<T> query, int first, int max) {
        return QueryCopy.of(query).setFirstResult(first).setMaxResults(max).getResultList();
    }
}

package io.dbfilter;

import io.dbfilter.internal.scope.RequestInfo;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which page {@link Db#paginate(jakarta.persistence.TypedQuery, PageRequest)} loads, and how it
 * treats bad values: page, perPage, maxPerPage, errorOut and count, as the arguments of
 * Flask-SQLAlchemy's {@code paginate}. Immutable; every method that changes an option returns a
 * new PageRequest.
 *
 * <pre>{@code
 * Pagination<User> users = Db.paginate(query, PageRequest.fromRequest().maxPerPage(50).errorOut(false));
 * }</pre>
 *
 * <p>A page or perPage that is not set is read from the current request's {@code page} and
 * {@code per_page} parameters, and defaults to 1 and 20 when the parameter is absent or when no
 * request is bound. See docs/queries.md for every rule.
 *
 * @since 0.1
 */
public final class PageRequest {
    static final int DEFAULT_PAGE = 1;
    static final int DEFAULT_PER_PAGE = 20;
    /** What Python's {@code int()} accepts once the blanks around it are stripped. */
    private static final Pattern PYTHON_INT = Pattern.compile("[+-]?\\p{Nd}+(?:_\\p{Nd}+)*");

    private final Integer page;
    private final Integer perPage;
    private final Integer maxPerPage;
    private final boolean errorOut;
    private final boolean count;
    /** The text of the 404 page when errorOut fires; null for the container's default. */
    private final String notFound;

    private PageRequest(Integer page, Integer perPage, Integer maxPerPage, boolean errorOut, boolean count) {
        this(page, perPage, maxPerPage, errorOut, count, null);
    }

    private PageRequest(Integer page, Integer perPage, Integer maxPerPage, boolean errorOut, boolean count,
            String notFound) {
        this.notFound = notFound;
        this.page = page;
        this.perPage = perPage;
        this.maxPerPage = maxPerPage;
        this.errorOut = errorOut;
        this.count = count;
    }

    /**
     * Reads page and perPage from the current request's {@code page} and {@code per_page}
     * parameters (1 and 20 when absent or outside a request), with no maxPerPage, errorOut on and
     * count on.
     *
     * @return the page request
     */
    public static PageRequest fromRequest() {
        return new PageRequest(null, null, null, true, true);
    }

    /**
     * Asks for the given page and perPage, ignoring the request's parameters, with no maxPerPage,
     * errorOut on and count on. The values are checked when the page is loaded, not here.
     *
     * @param page    the 1-based page number
     * @param perPage the number of items per page
     * @return the page request
     */
    public static PageRequest of(int page, int perPage) {
        return new PageRequest(page, perPage, null, true, true);
    }

    /**
     * Sets the page instead of reading it from the request. A page below 1 is a 404 when errorOut
     * is on, else page 1.
     *
     * @param page the 1-based page number
     * @return a copy with that page
     */
    public PageRequest page(int page) {
        return new PageRequest(page, perPage, maxPerPage, errorOut, count, notFound);
    }

    /**
     * Sets perPage instead of reading it from the request. A perPage below 1 is a 404 when
     * errorOut is on, else 20.
     *
     * @param perPage the number of items per page
     * @return a copy with that perPage
     */
    public PageRequest perPage(int perPage) {
        return new PageRequest(page, perPage, maxPerPage, errorOut, count, notFound);
    }

    /**
     * Caps perPage, so that {@code ?per_page=100000} cannot load a whole table. Without it there is
     * no cap, as in Flask-SQLAlchemy.
     *
     * @param maxPerPage the largest perPage to use
     * @return a copy with that cap
     * @throws IllegalArgumentException when maxPerPage is below 1
     */
    public PageRequest maxPerPage(int maxPerPage) {
        if (maxPerPage < 1) {
            throw new IllegalArgumentException("dbfilter: maxPerPage must be at least 1, not " + maxPerPage + ".");
        }
        return new PageRequest(page, perPage, maxPerPage, errorOut, count, notFound);
    }

    /**
     * Chooses between 404 and defaults for bad values: on (the default), a page or perPage
     * parameter that is not an integer, a page or perPage below 1, and an empty page other than
     * page 1 end the request with {@link NotFoundException}; off, they fall back to page 1 and
     * perPage 20, and a page past the end is returned empty.
     *
     * @param errorOut true to answer 404, false to fall back
     * @return a copy with that choice
     */
    public PageRequest errorOut(boolean errorOut) {
        return new PageRequest(page, perPage, maxPerPage, errorOut, count, notFound);
    }

    /**
     * Chooses whether to count the rows (the default), so that {@link Pagination#total()} and
     * {@link Pagination#pages()} are known. Off, no count query runs, total is null, pages is 0
     * and {@link Pagination#hasNext()} is false.
     *
     * @param count false to skip the count query
     * @return a copy with that choice
     */
    public PageRequest count(boolean count) {
        return new PageRequest(page, perPage, maxPerPage, errorOut, count, notFound);
    }

    /**
     * The text of the 404 page when errorOut ends the request (a page past the end, a bad page
     * number), as {@code Db.getOr404(type, id, description)} takes one; the container's default
     * text otherwise.
     *
     * @param description what the error page tells the client
     * @return a copy with that text
     * @since 0.1
     */
    public PageRequest notFound(String description) {
        return new PageRequest(page, perPage, maxPerPage, errorOut, count, description);
    }

    /**
     * The text of the 404 page when errorOut ends the request.
     *
     * @return the text given to {@link #notFound(String)}, or null for the container's default
     * @since 0.1
     */
    public String notFound() {
        return notFound;
    }

    /**
     * The page asked for.
     *
     * @return the page, or null when it is read from the request
     */
    public Integer page() {
        return page;
    }

    /**
     * The perPage asked for.
     *
     * @return perPage, or null when it is read from the request
     */
    public Integer perPage() {
        return perPage;
    }

    /**
     * The cap on perPage.
     *
     * @return the cap, or null for none
     */
    public Integer maxPerPage() {
        return maxPerPage;
    }

    /**
     * Whether bad values end the request with 404.
     *
     * @return true for 404, false for falling back to defaults
     */
    public boolean errorOut() {
        return errorOut;
    }

    /**
     * Whether the rows are counted.
     *
     * @return true when a count query may run
     */
    public boolean count() {
        return count;
    }

    /**
     * The page and perPage to load, by Flask-SQLAlchemy's rules, read from {@code request} where
     * not set; request may be null.
     */
    PageRequest resolve(RequestInfo request) {
        int resolvedPage = page != null ? page : parameter(request, "page", DEFAULT_PAGE);
        int resolvedPerPage = perPage != null ? perPage : parameter(request, "per_page", DEFAULT_PER_PAGE);
        if (maxPerPage != null) {
            resolvedPerPage = Math.min(resolvedPerPage, maxPerPage);
        }
        if (resolvedPage < 1) {
            if (errorOut) {
                throw new NotFoundException(notFound, "dbfilter: page " + resolvedPage + " is below 1");
            }
            resolvedPage = DEFAULT_PAGE;
        }
        if (resolvedPerPage < 1) {
            if (errorOut) {
                throw new NotFoundException(notFound, "dbfilter: per_page " + resolvedPerPage + " is below 1");
            }
            resolvedPerPage = DEFAULT_PER_PAGE;
        }
        return new PageRequest(resolvedPage, resolvedPerPage, maxPerPage, errorOut, count, notFound);
    }

    private int parameter(RequestInfo request, String name, int defaultValue) {
        String value = request == null ? null : request.parameter(name);
        if (value == null) {
            return defaultValue;
        }
        Integer parsed = parseInt(value);
        if (parsed != null) {
            return parsed;
        }
        if (errorOut) {
            throw new NotFoundException(notFound, "dbfilter: the " + name + " parameter is not an integer");
        }
        return defaultValue;
    }

    /**
     * The value as Python's {@code int()} reads it (blanks around it, a sign, digits with single
     * underscores between them), or null when Python would refuse it or it does not fit an int.
     */
    static Integer parseInt(String value) {
        String stripped = value.strip();
        if (!PYTHON_INT.matcher(stripped).matches()) {
            return null;
        }
        try {
            return Integer.parseInt(stripped.replace("_", ""));
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PageRequest that && Objects.equals(page, that.page)
                && Objects.equals(perPage, that.perPage) && Objects.equals(maxPerPage, that.maxPerPage)
                && errorOut == that.errorOut && count == that.count && Objects.equals(notFound, that.notFound);
    }

    @Override
    public int hashCode() {
        return Objects.hash(page, perPage, maxPerPage, errorOut, count, notFound);
    }

    @Override
    public String toString() {
        return "PageRequest[page=" + (page == null ? "from request" : page) + ", perPage="
                + (perPage == null ? "from request" : perPage) + ", maxPerPage=" + maxPerPage + ", errorOut="
                + errorOut + ", count=" + count + (notFound == null ? "" : ", notFound=" + notFound) + "]";
    }
}

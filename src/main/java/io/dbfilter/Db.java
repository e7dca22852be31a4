package io.dbfilter;

import io.dbfilter.internal.eclipselink.Ids;
import io.dbfilter.internal.jdbc.UniqueViolation;
import io.dbfilter.internal.observe.QueryRecorder;
import io.dbfilter.internal.replica.Replicas;
import io.dbfilter.internal.scope.ScopeState;
import io.dbfilter.internal.scope.ThreadScope;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.List;

/**
 * Static access to the database scope bound to the current thread: the request's scope inside
 * {@link DbFilter}, or the one opened with {@link Database#open()} elsewhere.
 *
 * <pre>{@code
 * User user = new User("ann");
 * Db.session().persist(user);
 * Db.commit();
 * }</pre>
 *
 * <p>With several databases ({@code db.binds}, docs/binds.md), {@link #session(String)} and
 * {@link #sessionFor(Class)} give the other binds' EntityManagers of the same scope.
 *
 * @since 0.1
 */
public final class Db {
    private Db() {
    }

    /**
     * The current scope's EntityManager, created on the first call in the scope, always with an
     * active resource-local transaction (begun automatically, as SQLAlchemy 2's session does), so
     * {@code persist}, {@code merge} and {@code remove} need no ceremony. Nothing is committed
     * unless {@link #commit()} is called: at the end of the scope the transaction is rolled back.
     *
     * <p>The EntityManager belongs to the current thread and lives until the scope ends; do not
     * keep it beyond that or hand it to another thread.
     *
     * @return the EntityManager of the current scope
     * @throws IllegalStateException when no scope is bound to this thread, saying how to bind one
     */
    public static EntityManager session() {
        return scope().session(0);
    }

    /**
     * The current scope's EntityManager of one bind (an extra database named in {@code db.binds};
     * see docs/binds.md), created on the first call for that bind in the scope, with a transaction
     * begun, and closed when the scope ends, as {@link #session()} is for the default bind. A
     * request that never asks for a bind's EntityManager never touches that bind's pool.
     *
     * @param bind a name listed in {@code db.binds}, or null for the default bind
     * @return that bind's EntityManager of the current scope
     * @throws IllegalArgumentException when no bind has that name, listing the binds
     * @throws IllegalStateException    when no scope is bound to this thread
     * @since 0.1
     */
    public static EntityManager session(String bind) {
        ScopeState scope = scope();
        return scope.session(scope.engines().index(bind));
    }

    /**
     * The current scope's EntityManager of the bind that maps {@code type}: the bind its
     * {@link Bind} annotation names, or whose {@code entities}/{@code packages} list it, else the
     * default bind. Use it where code handles entities of several binds alike.
     *
     * @param type an entity class, or a subclass of one
     * @return the EntityManager that can find, persist and query {@code type}
     * @throws IllegalArgumentException when {@code type} is no entity of any bind
     * @throws IllegalStateException    when no scope is bound to this thread
     * @since 0.1
     */
    public static EntityManager sessionFor(Class<?> type) {
        ScopeState scope = scope();
        return scope.session(scope.engines().index(type));
    }

    /**
     * Commits the current scope's transaction, if {@link #session()} began one, and begins the
     * next at once. Does nothing when the scope has not used its session.
     *
     * <p>With binds, every bind whose EntityManager the scope created is committed, one after the
     * other in bind order (the default bind, then the {@code db.binds} order). This is not a
     * distributed transaction, as in Flask-SQLAlchemy: when a commit fails, the binds committed
     * before it stay committed, and the binds after it are rolled back; the exception names each,
     * and the databases may then disagree until the application repairs them. Keep work that must
     * be all-or-nothing in one bind.
     *
     * <p>Commit before writing the response: a commit that fails after the response was sent cannot
     * tell the client any more (dbfilter logs a warning when that happens).
     *
     * <p>With {@code db.trackModifications}, the {@link Database#onBeforeCommit} listeners run first,
     * inside the transaction, and the {@link Database#onAfterCommit} listeners after a successful
     * commit; see docs/observability.md.
     *
     * @throws jakarta.persistence.RollbackException when the database refuses the commit; the
     *         transaction is then rolled back, and the next call to {@link #session()} works again.
     *         With several binds in the scope, its message names the binds that committed, the one
     *         that failed (its exception is the cause) and the ones rolled back
     * @throws RuntimeException what a before-commit listener threw, after rolling the transaction back
     * @throws IllegalStateException when no scope is bound to this thread
     */
    public static void commit() {
        scope().commit();
    }

    /**
     * Rolls back the current scope's transaction, discarding its uncommitted changes, and begins
     * the next. Does nothing when the scope has not used its session. With binds, every bind's
     * transaction in the scope is rolled back.
     *
     * @throws IllegalStateException when no scope is bound to this thread
     */
    public static void rollback() {
        scope().rollback();
    }

    /**
     * Sends every later statement of the current scope to the primary, on every bind that has a read
     * replica ({@code db.replica.url}; see docs/replicas.md). A scope reads on the replica until its
     * first write to a bind, and on the primary from then on; call this before a read that must see
     * what another request has just committed, and that the read-your-writes cookie does not cover
     * (another client's write, a background job's). Does nothing on binds without a replica.
     *
     * @throws IllegalStateException when no scope is bound to this thread
     * @since 0.1
     */
    public static void primary() {
        ScopeState scope = scope();
        Replicas replicas = scope.engines().listener(Replicas.class);
        if (replicas != null) {
            replicas.primary(scope);
        }
    }

    /**
     * The SQL statements the current scope (the request, or the block inside {@link Database#open()})
     * ran so far, in the order they ran, like Flask-SQLAlchemy's {@code get_recorded_queries()}.
     * Statements of a FORWARD or INCLUDE dispatch belong to the request's scope; statements run by
     * {@link Database#createAll()} belong to none.
     *
     * @return an unmodifiable copy; empty when {@code db.recordQueries} is off or nothing ran
     * @throws IllegalStateException when no scope is bound to this thread
     */
    public static List<RecordedQuery> recordedQueries() {
        ScopeState scope = scope();
        QueryRecorder recorder = scope.engines().listener(QueryRecorder.class);
        return recorder == null ? List.of() : recorder.statements(scope).stream().map(RecordedQuery::of).toList();
    }

    /**
     * Same as {@link #getOr404(Class, Object, String)} with the container's default 404 text.
     *
     * @param type the entity class
     * @param id   the primary key, or its text for an integer or UUID key
     * @param <T>  the entity type
     * @return the entity
     * @throws NotFoundException when no row has that key, or the id cannot be one
     */
    public static <T> T getOr404(Class<T> type, Object id) {
        return getOr404(type, id, null);
    }

    /**
     * Finds the entity with the given primary key in the current scope's session of the entity's
     * bind ({@link #sessionFor(Class)}), or ends the request with 404, like Flask-SQLAlchemy's
     * {@code get_or_404}. A String id is converted for
     * an integer or UUID key, so that "42" from a path finds row 42 of a Long key; an id that
     * cannot be a key ("abc" for a Long key, 4.2, null) is a 404 without a query, never a 500.
     *
     * @param type        the entity class
     * @param id          the primary key, or its text for an integer or UUID key
     * @param description the text of the error page, or null for the container's default
     * @param <T>         the entity type
     * @return the entity
     * @throws NotFoundException        when no row has that key, or the id cannot be one
     * @throws IllegalArgumentException when {@code type} is not an entity
     * @throws IllegalStateException    when no scope is bound to this thread
     */
    public static <T> T getOr404(Class<T> type, Object id, String description) {
        T found = find(type, id);
        if (found == null) {
            throw new NotFoundException(description, "dbfilter: no " + type.getSimpleName() + " has the id given");
        }
        return found;
    }

    /**
     * Finds the entity with the given primary key, or ends the request with 400 Bad Request: for an
     * id that comes from form input or a request body (an author chosen in a form), where a row that
     * does not exist is the client's mistake in the content, not a URL that names nothing. The id
     * is converted as {@link #getOr404(Class, Object, String)} converts it.
     *
     * @param type        the entity class
     * @param id          the primary key, or its text for an integer or UUID key
     * @param description the text of the error page, or null for the container's default
     * @param <T>         the entity type
     * @return the entity
     * @throws BadRequestException      when no row has that key, or the id cannot be one
     * @throws IllegalArgumentException when {@code type} is not an entity
     * @throws IllegalStateException    when no scope is bound to this thread
     * @since 0.1
     */
    public static <T> T getOr400(Class<T> type, Object id, String description) {
        T found = find(type, id);
        if (found == null) {
            throw new BadRequestException(description, "dbfilter: no " + type.getSimpleName() + " has the id given");
        }
        return found;
    }

    private static <T> T find(Class<T> type, Object id) {
        EntityManager session = sessionFor(type);
        Object key = Ids.key(id, session.getMetamodel().entity(type).getIdType().getJavaType());
        return key == null ? null : session.find(type, key);
    }

    /**
     * Same as {@link #firstOr404(TypedQuery, String)} with the container's default 404 text.
     *
     * @param query the query; its max results are set to 1
     * @param <T>   the result type
     * @return the first result
     * @throws NotFoundException when the query finds no row, or the first result is null
     */
    public static <T> T firstOr404(TypedQuery<T> query) {
        return firstOr404(query, null);
    }

    /**
     * Runs the query for its first result, or ends the request with 404, like Flask-SQLAlchemy's
     * {@code first_or_404}. One row is fetched: the query's max results are set to 1, so do not
     * reuse the query object for more rows. As in Flask, a null first result is a 404 too.
     *
     * @param query       the query
     * @param description the text of the error page, or null for the container's default
     * @param <T>         the result type
     * @return the first result
     * @throws NotFoundException when the query finds no row, or the first result is null
     */
    public static <T> T firstOr404(TypedQuery<T> query, String description) {
        List<T> results = query.setMaxResults(1).getResultList();
        if (results.isEmpty() || results.get(0) == null) {
            throw new NotFoundException(description, "dbfilter: the query found no row");
        }
        return results.get(0);
    }

    /**
     * Same as {@link #oneOr404(TypedQuery, String)} with the container's default 404 text.
     *
     * @param query the query; its max results are set to 2
     * @param <T>   the result type
     * @return the only result, null when it is a null column
     * @throws NotFoundException when the query finds no row, or more than one
     */
    public static <T> T oneOr404(TypedQuery<T> query) {
        return oneOr404(query, null);
    }

    /**
     * Runs the query for its only result, or ends the request with 404 when there is none and
     * when there are several, like Flask-SQLAlchemy's {@code one_or_404}. At most two rows are
     * fetched: the query's max results are set to 2, so do not reuse the query object.
     *
     * @param query       the query
     * @param description the text of the error page, or null for the container's default
     * @param <T>         the result type
     * @return the only result, null when it is a null column
     * @throws NotFoundException when the query finds no row, or more than one
     */
    public static <T> T oneOr404(TypedQuery<T> query, String description) {
        List<T> results = query.setMaxResults(2).getResultList();
        if (results.size() != 1) {
            throw new NotFoundException(description, "dbfilter: the query found "
                    + (results.isEmpty() ? "no row" : "more than one row") + " where one was expected");
        }
        return results.get(0);
    }

    /**
     * Same as {@code paginate(query, PageRequest.fromRequest())}: page and perPage from the
     * request's {@code page} and {@code per_page} parameters, 1 and 20 when absent.
     *
     * @param query a JPQL or criteria SELECT query; it is not changed
     * @param <T>   the item type
     * @return the page
     * @throws NotFoundException        for bad parameters or an empty page other than page 1
     * @throws IllegalArgumentException for a query that cannot be paged in SQL
     */
    public static <T> Pagination<T> paginate(TypedQuery<T> query) {
        return paginate(query, PageRequest.fromRequest());
    }

    /**
     * Same as {@code paginate(query, PageRequest.of(page, perPage))}; usable outside a request.
     *
     * @param query   a JPQL or criteria SELECT query; it is not changed
     * @param page    the 1-based page number
     * @param perPage the number of items per page
     * @param <T>     the item type
     * @return the page
     * @throws NotFoundException        when page or perPage is below 1, or for an empty page other than page 1
     * @throws IllegalArgumentException for a query that cannot be paged in SQL
     */
    public static <T> Pagination<T> paginate(TypedQuery<T> query, int page, int perPage) {
        return paginate(query, PageRequest.of(page, perPage));
    }

    /**
     * Loads one page of the query, like Flask-SQLAlchemy's {@code paginate}, with at most two SQL
     * statements: the page, limited in SQL, and a count of the query's own SQL without its ORDER
     * BY (right for DISTINCT, joins, to-one JOIN FETCH and GROUP BY), skipped when count is off
     * or the page is shorter than perPage. Both run on the EntityManager that created the query,
     * so a query of any bind pages in its own database. The query's parameters, hints, flush mode and lock mode
     * apply; the query object is not changed. Native SQL, a JOIN FETCH of a collection and the
     * root of a TABLE_PER_CLASS hierarchy cannot be paged in SQL and are refused; see
     * docs/queries.md for the rules and the alternatives.
     *
     * @param query   a JPQL or criteria SELECT query
     * @param request which page, and how to treat bad values
     * @param <T>     the item type
     * @return the page
     * @throws NotFoundException        when errorOut is on and a parameter is not an integer, page or
     *                                  perPage is below 1, or the page is empty and not page 1
     * @throws IllegalArgumentException for a query that cannot be paged in SQL
     */
    public static <T> Pagination<T> paginate(TypedQuery<T> query, PageRequest request) {
        return Pagination.load(query, request);
    }

    /**
     * Same as {@link #scroll(TypedQuery, String, int)} with the cursor of the current request's
     * {@code cursor} parameter: the first window when the parameter is absent or empty, or outside
     * a request.
     *
     * @param query a JPQL or criteria query of entities with an ORDER BY; it is not changed
     * @param size  the greatest number of rows in the window, at least 1
     * @param <T>   the entity type
     * @return the window
     * @throws BadRequestException      when the {@code cursor} parameter was not written by this query
     * @throws IllegalArgumentException for a query that cannot be walked by keys, or a size below 1
     * @since 0.1
     */
    public static <T> Window<T> scroll(TypedQuery<T> query, int size) {
        return Window.load(query, Window.requestCursor(), size);
    }

    /**
     * Loads one window of the query by keys (keyset pagination): the first {@code size} rows, or
     * with a cursor from {@link Window#next()} or {@link Window#previous()}, the rows just after or
     * before the row it names. One SQL statement of {@code size + 1} rows, with the seek predicate
     * {@code (a > ?) OR (a = ? AND id > ?)} in its WHERE: no offset, so a window deep in a large
     * table costs what the first costs, and no count (ask {@link Window#total()} for one).
     *
     * <p>The query's ORDER BY decides the order: attributes of the entity or of its to-one
     * relationships, each ascending or descending. When no unique attribute is among them, the
     * entity's id is appended as the last key, so rows with equal values keep one order. The
     * query's parameters, hints and lock mode apply, the query object is not changed, and it runs
     * on the EntityManager that created it. A sort attribute that can be null is refused, because a
     * keyset cannot seek past a null: mark it {@code @Column(nullable = false)} when it never is.
     * See docs/queries.md for the rules and when to prefer {@link #paginate(TypedQuery)}.
     *
     * @param query  a JPQL or criteria query of entities with an ORDER BY; it is not changed
     * @param cursor a cursor that a window of this query gave, or null (or empty) for the first window
     * @param size   the greatest number of rows in the window, at least 1
     * @param <T>    the entity type
     * @return the window
     * @throws BadRequestException      (400) when the cursor was not written by this query: another
     *                                  query's, altered or cut short
     * @throws IllegalArgumentException naming the cause and the fix, for a query that cannot be walked
     *                                  by keys (native SQL, columns selected instead of an entity, no
     *                                  ORDER BY, a function or a nullable attribute in it, a fetch join
     *                                  of a collection), or a size below 1
     * @since 0.1
     */
    public static <T> Window<T> scroll(TypedQuery<T> query, String cursor, int size) {
        return Window.load(query, cursor, size);
    }

    /**
     * Whether {@code error} was caused by a duplicate value in a primary key or unique column, so
     * that a caller can answer "already taken" instead of failing: an SQLException in its cause
     * chain with SQLState 23505 (Derby, PostgreSQL, the SQL standard) or 23000 with error code 1062
     * (MariaDB, MySQL). Other integrity violations, such as a missing NOT NULL value, answer false.
     *
     * @param error what {@link #commit()} or {@code flush()} threw; may be null
     * @return true when the database refused a duplicate key
     */
    public static boolean isUniqueViolation(Throwable error) {
        return UniqueViolation.causes(error);
    }

    /**
     * The Database whose scope is bound to the current thread.
     *
     * @return the current Database
     * @throws IllegalStateException when no scope is bound to this thread
     */
    public static Database database() {
        return (Database) scope().engines().face();
    }

    /**
     * Whether a scope is bound to the current thread, so that {@link #session()} would work.
     *
     * @return true inside a request that {@link DbFilter} handles or inside {@link Database#open()}
     * @since 0.1
     */
    public static boolean inScope() {
        return ThreadScope.current() != null;
    }

    /**
     * Whether a scope is bound to the current thread.
     *
     * @return the same as {@link #inScope()}
     * @deprecated "bind" names a database of the application ({@code db.binds}); use
     *             {@link #inScope()}. This alias goes in 0.2
     */
    @Deprecated(since = "0.1", forRemoval = true)
    public static boolean isBound() {
        return inScope();
    }

    /** The scope bound to the current thread, or null. */
    static ScopeState current() {
        return ThreadScope.current();
    }

    private static ScopeState scope() {
        ScopeState scope = ThreadScope.current();
        if (scope == null) {
            throw new IllegalStateException("dbfilter: no database scope is bound to thread '"
                    + Thread.currentThread().getName() + "'. In a web application, map io.dbfilter.DbFilter to this"
                    + " URL (web.xml: <filter-mapping> with <url-pattern>/*</url-pattern>); outside a request (jobs,"
                    + " tests, main methods), wrap the code in try (Scope scope = database.open()) { ... }."
                    + " Work handed to another thread needs its own scope there.");
        }
        return scope;
    }
}

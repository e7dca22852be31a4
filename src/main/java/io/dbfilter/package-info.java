/**
 * A request-scoped EclipseLink {@code EntityManager} for plain Jakarta Servlet applications: what
 * Flask-SQLAlchemy gives a Flask application. This package is the whole API.
 *
 * <p>Map {@link io.dbfilter.DbFilter} to the application's URLs and add
 * {@link io.dbfilter.DbBootstrapListener}; then any servlet calls {@link io.dbfilter.Db#session()}
 * for an EntityManager that is opened on first use and, when the request ends, rolled back if
 * uncommitted and closed. Outside a request, {@link io.dbfilter.Database#open()} binds the same
 * kind of {@link io.dbfilter.Scope} to the current thread.
 *
 * <ul>
 * <li>{@link io.dbfilter.Database}: one configured database (HikariCP pool, EclipseLink factory,
 * settings) and its binds, their tables ({@code createAll}, {@code dropAll}), its scopes and its
 * commit listeners.</li>
 * <li>{@link io.dbfilter.Scope}: the binding of a Database to the current thread.</li>
 * <li>{@link io.dbfilter.Db}: static access to the current scope: {@code session()},
 * {@code commit()}, {@code rollback()}, the {@code *Or404} helpers, {@code paginate} and {@code scroll}.</li>
 * <li>{@link io.dbfilter.DbFilter} and {@link io.dbfilter.DbBootstrapListener}: the servlet
 * side, configured with init-params, context-params, system properties or environment
 * variables.</li>
 * <li>{@link io.dbfilter.Pagination} and {@link io.dbfilter.PageRequest}: one page of a query and
 * the numbers a template needs for page links.</li>
 * <li>{@link io.dbfilter.Window}: a window of a query read by keys (keyset pagination), with the
 * cursors of the windows after and before it.</li>
 * <li>{@link io.dbfilter.NotFoundException}: ends the request with 404.</li>
 * <li>{@link io.dbfilter.Bind}: puts an entity in another database of the application (a bind).</li>
 * <li>{@link io.dbfilter.RecordedQuery} and {@link io.dbfilter.Change}: what
 * {@code db.recordQueries} records and what {@code db.trackModifications} hands to commit
 * listeners.</li>
 * </ul>
 *
 * <p>{@code io.dbfilter.platform} holds the EclipseLink platform for MariaDB. Everything else lives
 * in {@code io.dbfilter.internal.*}: public only to cross package lines, left out of the Javadoc,
 * not exported by the module, and free to change in any release (docs/architecture.md).
 */
package io.dbfilter;

/**
 * A request-scoped EclipseLink {@code EntityManager} for plain Jakarta Servlet applications: what
 * Flask-SQLAlchemy gives a Flask application.
 *
 * <p>Map {@link io.dbfilter.DbFilter} to the application's URLs and add
 * {@link io.dbfilter.DbBootstrapListener}; then any servlet calls {@link io.dbfilter.Db#session()}
 * for an EntityManager that is opened on first use and, when the request ends, rolled back if
 * uncommitted and closed. Outside a request, {@link io.dbfilter.Database#open()} binds the same
 * kind of scope to the current thread.
 *
 * <ul>
 * <li>{@link io.dbfilter.Database}: one configured database (HikariCP pool, EclipseLink factory,
 * settings) and its binds, their tables ({@code createAll}, {@code dropAll}), its scopes and its
 * commit listeners.</li>
 * <li>{@link io.dbfilter.Db}: static access to the current scope: {@code session()},
 * {@code commit()}, {@code rollback()}, the {@code *Or404} helpers and {@code paginate}.</li>
 * <li>{@link io.dbfilter.DbFilter} and {@link io.dbfilter.DbBootstrapListener}: the servlet
 * side, configured with init-params, context-params, system properties or environment
 * variables.</li>
 * <li>{@link io.dbfilter.Pagination} and {@link io.dbfilter.PageRequest}: one page of a query and
 * the numbers a template needs for page links.</li>
 * <li>{@link io.dbfilter.NotFoundException}: ends the request with 404.</li>
 * <li>{@link io.dbfilter.Bind}: puts an entity in another database of the application (a bind).</li>
 * <li>{@link io.dbfilter.RecordedQuery} and {@link io.dbfilter.Change}: what
 * {@code db.recordQueries} records and what {@code db.trackModifications} hands to commit
 * listeners.</li>
 * <li>{@link io.dbfilter.MariaDbPlatform}: the EclipseLink platform used for MariaDB URLs.</li>
 * </ul>
 *
 * <p>Everything else in this package is package-private: settings parsing, URL and driver
 * handling, entity scanning, table naming and logging each have a class of their own.
 */
package io.dbfilter;

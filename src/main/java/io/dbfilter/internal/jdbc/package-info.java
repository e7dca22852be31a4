/**
 * The JDBC side: checked URLs and their drivers ({@code JdbcUrl}), embedded Derby, the pool's first
 * connection on a thread of its own ({@code PoolStart}), and what a driver's SQLState means: a
 * connection that failed at start-up ({@code ConnectFailure}), a database that cannot be reached
 * ({@code Unavailable}), a duplicate key ({@code UniqueViolation}); and what dbfilter does with the
 * connections it hands EclipseLink: one kept for a page's two statements ({@code Pin}), one whose
 * transaction of a single UPDATE runs in autocommit ({@code SingleUpdate}).
 *
 * <p>Internal: public only so that the other parts of dbfilter can reach it; not exported by the
 * module, left out of the Javadoc, and free to change in any release without notice.
 */
package io.dbfilter.internal.jdbc;

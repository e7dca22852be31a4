/**
 * Keyset pagination for {@code Db.scroll}: the query's ORDER BY read from EclipseLink's query and
 * completed with the id ({@code SortOrder}), the window's query with the seek predicate
 * ({@code KeysetQuery}), and the opaque, checked cursor ({@code Cursors}, {@code Values}).
 *
 * <p>Internal: public only so that the other parts of dbfilter can reach it; not exported by the
 * module, left out of the Javadoc, and free to change in any release without notice.
 */
package io.dbfilter.internal.keyset;

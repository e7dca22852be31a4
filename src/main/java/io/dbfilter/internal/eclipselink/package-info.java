/**
 * EclipseLink glue that needs no scope: snake_case table and column names ({@code Naming},
 * {@code TableNames}, {@code ReservedWords}), EclipseLink's log sent to SLF4J, the count query of
 * a page ({@code CountQuery}), id conversion for {@code getOr404} ({@code Ids}), and the defaults
 * that keep natural JPA code fast: relations loaded for a whole result ({@code BatchFetch}) and
 * PostgreSQL IDENTITY ids read back by the INSERT ({@code InsertReturning}), and a commit of one
 * UPDATE sent without a transaction around it ({@code SingleUpdateCommit}).
 *
 * <p>Internal: public only so that the other parts of dbfilter can reach it; not exported by the
 * module, left out of the Javadoc, and free to change in any release without notice.
 */
package io.dbfilter.internal.eclipselink;

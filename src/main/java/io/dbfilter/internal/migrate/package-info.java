/**
 * Schema migrations at start-up: {@code Migrations} runs each bind's Flyway migrations
 * ({@code db.migrate}) on the bind's own pool before the Database is handed out, {@code SchemaCheck}
 * compares the entities with the catalog afterwards ({@code db.validateSchema}), and
 * {@code DdlScript} writes the DDL that {@code createAll} would run as a first migration.
 *
 * <p>Flyway is an optional dependency: only {@code FlywayRun} names its classes, and it is loaded
 * only after {@code Migrations} found Flyway on the class path, so the library works without it.
 *
 * <p>Internal: public only so that the other parts of dbfilter can reach it; not exported by the
 * module, left out of the Javadoc, and free to change in any release without notice.
 */
package io.dbfilter.internal.migrate;

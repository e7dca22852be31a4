/**
 * Start-up: from checked settings to running engines. {@code Startup} routes entities to binds
 * ({@code EntityBinds}, {@code EntityClasses}), decides the features ({@code Features}), and per bind
 * starts the pool while EclipseLink reads the persistence unit ({@code UnitInfo}), closing in
 * reverse order whatever started when a later step fails.
 *
 * <p>Internal: public only so that the other parts of dbfilter can reach it; not exported by the
 * module, left out of the Javadoc, and free to change in any release without notice.
 */
package io.dbfilter.internal.start;

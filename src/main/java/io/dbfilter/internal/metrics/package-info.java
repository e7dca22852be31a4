/**
 * {@code db.metrics}: Micrometer meters of a Database and its pools. {@code Metrics} is the feature,
 * a scope listener that counts without Micrometer; {@code Meters} holds the registered meters and
 * is the one class that touches Micrometer, loaded only once {@code Database.recordMetrics} found
 * Micrometer on the class path, which is an optional dependency of the library.
 *
 * <p>Internal: public only so that the other parts of dbfilter can reach it; not exported by the
 * module, left out of the Javadoc, and free to change in any release without notice.
 */
package io.dbfilter.internal.metrics;

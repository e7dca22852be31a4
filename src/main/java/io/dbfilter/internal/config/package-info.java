/**
 * Configuration: the registry of every {@code db.*} key ({@code Key}), their resolution from
 * system properties, environment variables, init-params and context-params ({@code Settings}),
 * the {@code db.pool.*} family ({@code PoolSettings}) and the "did you mean" suggestions.
 *
 * <p>Internal: public only so that the other parts of dbfilter can reach it; not exported by the
 * module, left out of the Javadoc, and free to change in any release without notice.
 */
package io.dbfilter.internal.config;

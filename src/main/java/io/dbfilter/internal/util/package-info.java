/**
 * Small helpers every part shares: keeping the first of several failures ({@code Failures}),
 * walking a cause chain ({@code Causes}), and closing what a start opened in reverse order
 * ({@code Closer}). Depends on nothing else of dbfilter.
 *
 * <p>Internal: public only so that the other parts of dbfilter can reach it; not exported by the
 * module, left out of the Javadoc, and free to change in any release without notice.
 */
package io.dbfilter.internal.util;

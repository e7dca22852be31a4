/**
 * Features that watch scopes through the seam, each one file: {@code QueryRecorder}
 * ({@code db.recordQueries}), {@code QueryWarning} ({@code db.warnQueries}) and
 * {@code CommitTracker} ({@code db.trackModifications}).
 *
 * <p>Internal: public only so that the other parts of dbfilter can reach it; not exported by the
 * module, left out of the Javadoc, and free to change in any release without notice.
 */
package io.dbfilter.internal.observe;

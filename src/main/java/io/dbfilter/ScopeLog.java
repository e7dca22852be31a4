package io.dbfilter;

import java.util.ArrayList;
import java.util.List;

/**
 * What the observers of one scope keep: the statements {@link QueryRecorder} recorded
 * ({@code db.recordQueries}) and the changes {@link CommitEvents} collected since the last commit
 * ({@code db.trackModifications}). A scope creates it when one of them first has something to keep,
 * so that with both off a scope carries a single null reference and allocates nothing more.
 */
final class ScopeLog {
    final List<RecordedQuery> queries = new ArrayList<>();
    /** The starts of the statements still running, innermost last: EclipseLink can run one inside another. */
    final List<QueryRecorder.Start> running = new ArrayList<>();
    final List<Change> changes = new ArrayList<>();
}

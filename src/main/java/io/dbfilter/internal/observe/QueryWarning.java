package io.dbfilter.internal.observe;

import io.dbfilter.internal.scope.ScopeListener;
import io.dbfilter.internal.scope.ScopeState;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code db.warnQueries}: when a request's scope ends, one WARN line if it ran more than n
 * statements, or one statement text more than n/2 times, which is how an N+1 query (one SELECT per
 * row of an earlier result, usually from a lazy relationship in a loop) looks. When the repeated
 * statement loads a relation, the line names the entity field and what loads it in one query.
 */
public final class QueryWarning implements ScopeListener {
    private static final Logger LOG = LoggerFactory.getLogger("io.dbfilter.DbFilter");

    private final QueryRecorder recorder;
    private final int limit;
    private final Runnable warned;
    private final boolean batchFetch;

    /**
     * Creates the check.
     *
     * @param recorder   where the statements are recorded
     * @param limit      the {@code db.warnQueries} value
     * @param warned     runs after each warning (the metrics count them), or null
     * @param batchFetch whether {@code db.batchFetch} is on, which changes the fix a repeated relation needs
     */
    public QueryWarning(QueryRecorder recorder, int limit, Runnable warned, boolean batchFetch) {
        this.recorder = recorder;
        this.limit = limit;
        this.warned = warned;
        this.batchFetch = batchFetch;
    }

    @Override
    public void closing(ScopeState scope) {
        // Requests only: a job's scope may run a thousand statements by design.
        if (scope.request() == null) {
            return;
        }
        List<Statement> done = recorder.statements(scope);
        int ran = recorder.count(scope);
        if (done.isEmpty()) {
            return;
        }
        // In order of first appearance, so that of equally repeated statements the earliest is named,
        // unless one loads a relation: a loop of finds that touch a relation is best fixed by naming it.
        var counts = new LinkedHashMap<String, Integer>();
        var relations = new HashSet<String>();
        for (Statement statement : done) {
            counts.merge(statement.sql(), 1, Integer::sum);
            if (statement.relation() != null) {
                relations.add(statement.sql());
            }
        }
        Map.Entry<String, Integer> most = counts.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                .thenComparing(entry -> relations.contains(entry.getKey()))).orElseThrow();
        int topCount = most.getValue();
        boolean repeated = topCount * 2 > limit;
        if (ran <= limit && !repeated) {
            return;
        }
        Statement top = done.stream().filter(statement -> statement.sql().equals(most.getKey())).findFirst()
                .orElseThrow();
        LOG.warn("dbfilter: {} ran {} SQL statements (db.warnQueries={}); the most repeated ran {} time{}{}, first"
                + " from {}: {}", scope.request().label(), ran, limit, topCount, topCount == 1 ? "" : "s",
                repeated ? advice(top.relation()) : "",
                top.location() == null ? "unknown code" : top.location(), top.sql());
        if (warned != null) {
            warned.run();
        }
    }

    private String advice(String relation) {
        if (relation == null) {
            return ", a likely N+1 query: load those rows in one query (JOIN FETCH, or an IN list)";
        }
        String field = relation.substring(relation.indexOf('.') + 1);
        if (!batchFetch) {
            return ", a likely N+1 query loading " + relation + " entity by entity: db.batchFetch=true loads it"
                    + " for a whole result in one query (or, for one query, the hint eclipselink.batch.type=IN with"
                    + " eclipselink.batch=e." + field + ", or JOIN FETCH e." + field + ")";
        }
        // Batch fetching groups the entities of one query's result; these were read one at a time.
        return ", a likely N+1 query loading " + relation + " entity by entity: db.batchFetch could not group"
                + " its entities, which were read one at a time (find in a loop); read them in one query"
                + " (where e.id in :ids), and their " + field + " load with them in one more";
    }
}

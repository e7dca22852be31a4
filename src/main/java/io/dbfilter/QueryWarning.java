package io.dbfilter;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code db.warnQueries} check at the end of a request: one WARN line when the request ran more
 * than n statements, or one statement text more than n/2 times, which is how an N+1 query (one
 * SELECT per row of an earlier result, usually from a lazy relationship in a loop) looks.
 */
final class QueryWarning {
    private static final Logger LOG = LoggerFactory.getLogger(DbFilter.class);

    private QueryWarning() {
    }

    static void check(Database.Scope scope) {
        int limit = scope.database.warnQueries;
        List<RecordedQuery> done = scope.recorded();
        if (limit == 0 || done.isEmpty()) {
            return;
        }
        // In order of first appearance, so that of equally repeated statements the earliest is named.
        var counts = new LinkedHashMap<String, Integer>();
        for (RecordedQuery query : done) {
            counts.merge(query.statement(), 1, Integer::sum);
        }
        Map.Entry<String, Integer> most = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        int topCount = most.getValue();
        RecordedQuery top = done.stream().filter(query -> query.statement().equals(most.getKey())).findFirst()
                .orElseThrow();
        boolean repeated = topCount * 2 > limit;
        if (done.size() <= limit && !repeated) {
            return;
        }
        LOG.warn("dbfilter: {} ran {} SQL statements (db.warnQueries={}); the most repeated ran {} time{}{}, first"
                + " from {}: {}", describe(scope), done.size(), limit, topCount, topCount == 1 ? "" : "s",
                repeated ? ", a likely N+1 query: load those rows in one query (JOIN FETCH, or an IN list)" : "",
                top.location() == null ? "unknown code" : top.location(), top.statement());
    }

    private static String describe(Database.Scope scope) {
        return scope.request instanceof HttpServletRequest http ? http.getMethod() + " " + http.getRequestURI()
                : "a request";
    }
}

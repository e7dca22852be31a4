package io.dbfilter.internal.web;

import io.dbfilter.internal.observe.QueryRecorder;
import io.dbfilter.internal.observe.Statement;
import io.dbfilter.internal.scope.ScopeListener;
import io.dbfilter.internal.scope.ScopeState;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;

/**
 * {@code db.serverTiming}: the request's database time in a {@code Server-Timing} header, read from
 * the recorded statements. The filter wraps a response only when this feature is installed.
 */
public final class ServerTiming implements ScopeListener {
    static final String HEADER = "Server-Timing";

    private final QueryRecorder recorder;

    /**
     * Creates the feature.
     *
     * @param recorder where the statements are recorded
     */
    public ServerTiming(QueryRecorder recorder) {
        this.recorder = recorder;
    }

    /**
     * Wraps a request's response so that the header is set before the response can commit.
     *
     * @param response the container's response
     * @param scope    the request's scope
     * @return the response to pass down the chain
     */
    public ServerTimingResponse wrap(HttpServletResponse response, ScopeState scope) {
        return new ServerTimingResponse(response, this, scope);
    }

    /**
     * The header's value for the statements of {@code scope} so far: {@code db} for all of them,
     * and, once a replica served any, {@code db-primary} and {@code db-replica} for each server's.
     */
    String value(ScopeState scope) {
        List<Statement> done = recorder.statements(scope);
        long nanos = 0;
        long replicaNanos = 0;
        int replica = 0;
        for (Statement statement : done) {
            nanos += statement.duration().toNanos();
            if (statement.onReplica()) {
                replicaNanos += statement.duration().toNanos();
                replica++;
            }
        }
        String all = entry("db", nanos, done.size());
        return replica == 0 ? all : all + ", " + entry("db-primary", nanos - replicaNanos, done.size() - replica)
                + ", " + entry("db-replica", replicaNanos, replica);
    }

    private static String entry(String name, long nanos, int count) {
        return String.format(Locale.ROOT, "%s;dur=%.3f;desc=\"%d %s\"", name, nanos / 1e6, count,
                count == 1 ? "query" : "queries");
    }
}

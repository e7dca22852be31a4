package io.dbfilter.internal.web;

import io.dbfilter.internal.jdbc.OutageGuard;
import io.dbfilter.internal.jdbc.Unavailable;
import io.dbfilter.internal.scope.ScopeState;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a request's database failure becomes. "The database cannot be reached" is the server's
 * fault for a moment: 503 with {@code Retry-After}, one log line, no stack trace per request. But
 * a connection that broke inside the commit may have committed: a client told to retry a POST
 * would write twice, so that failure is an error (500) whose outcome is logged as unknown.
 */
public final class DatabaseErrors {
    private static final Logger LOG = LoggerFactory.getLogger("io.dbfilter.DbFilter");
    /** Seconds a client should wait before it retries; about what the pool needs to reconnect. */
    private static final String RETRY_AFTER = "1";

    private DatabaseErrors() {
    }

    /**
     * Answers 503 when {@code e} says the database cannot be reached and the response can still
     * change; logs an in-doubt commit.
     *
     * @param e        what the chain threw
     * @param request  the request
     * @param response its response
     * @param scope    the request's scope, or null
     * @return true when the request was answered 503; false leaves {@code e} to the container
     * @throws IOException from {@code sendError}
     */
    public static boolean answer(Throwable e, ServletRequest request, ServletResponse response, ScopeState scope)
            throws IOException {
        SQLException cause = Unavailable.cause(e);
        if (cause == null) {
            return false;
        }
        String what = new ServletRequestInfo(request, response).label();
        if (scope != null && scope.failedInCommit(e)) {
            LOG.error("dbfilter: {} lost its connection while committing (SQLState {}: {}): whether the database"
                    + " committed is unknown. Answered as an error, not 503, so that the client does not repeat a"
                    + " write that may have happened; check the data before retrying.", what, cause.getSQLState(),
                    cause.getMessage());
            return false;
        }
        if (response.isCommitted() || !(response instanceof HttpServletResponse http)) {
            return false;
        }
        if (cause instanceof OutageGuard.FailingFast) {
            // The guard logged the outage once; a line per request would flood the log.
            LOG.debug("dbfilter: {} answered 503 Service Unavailable at once: {}", what, cause.getMessage());
        } else {
            LOG.warn("dbfilter: {} answered 503 Service Unavailable, the database cannot be reached: {} (SQLState {})",
                    what, cause.getMessage(), cause.getSQLState());
        }
        http.setHeader("Retry-After", RETRY_AFTER);
        http.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        if (scope != null) {
            scope.unavailable();
        }
        return true;
    }
}

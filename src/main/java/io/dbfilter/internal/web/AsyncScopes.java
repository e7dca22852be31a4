package io.dbfilter.internal.web;

import io.dbfilter.internal.scope.ScopeState;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scope of an asynchronous request: kept in a request attribute when the first dispatch
 * returns, bound again for each ASYNC dispatch (and the ERROR dispatch of a request that failed),
 * and ended when the container reports the request complete, on whatever thread reports it. A
 * timeout or an error does not end it: a listener may still {@code dispatch()} to a servlet that
 * uses the database, and the container always reports completion afterwards.
 */
public final class AsyncScopes {
    private static final Logger LOG = LoggerFactory.getLogger("io.dbfilter.DbFilter");
    private static final String KEPT = AsyncScopes.class.getName() + ".scope";

    private AsyncScopes() {
    }

    /**
     * Unbinds the request's scope from this thread and keeps it until the request ends.
     *
     * @param scope   the request's scope
     * @param request a request that started asynchronous processing
     */
    public static void keep(ScopeState scope, ServletRequest request) {
        scope.detach();
        request.setAttribute(KEPT, scope);
        request.getAsyncContext().addListener(new Closer(scope));
    }

    /**
     * The scope kept for an asynchronous request.
     *
     * @param request the request of an ASYNC dispatch
     * @return its scope, or null when none was kept
     */
    public static ScopeState kept(ServletRequest request) {
        return request.getAttribute(KEPT) instanceof ScopeState scope ? scope : null;
    }

    private record Closer(ScopeState scope) implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            close();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // The request goes on: an application listener may dispatch, or the container's error page runs.
        }

        @Override
        public void onError(AsyncEvent event) {
            // As on a timeout: onComplete follows.
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // A new async cycle forgets its listeners; stay registered until the request ends.
            event.getAsyncContext().addListener(this);
        }

        private void close() {
            try {
                scope.exit();
            } catch (RuntimeException e) {
                LOG.warn("dbfilter: ending the scope of an asynchronous request failed: {}", e.toString());
            }
        }
    }
}

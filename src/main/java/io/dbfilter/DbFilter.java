package io.dbfilter;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every request a database scope, so that servlets can call {@link Db#session()}.
 *
 * <p>Per request it binds the web application's {@link Database} to the thread; the EntityManager
 * is created only if the request calls {@code Db.session()}, so a request that never does costs
 * no connection. When the request ends, whatever happened, uncommitted work is rolled back, the
 * EntityManager is closed and the thread is unbound. FORWARD and INCLUDE dispatches (and any code
 * that already runs inside a scope of the same Database) join the outer scope. An asynchronous
 * request keeps its scope until the container reports it complete (or timed out, or failed), then
 * closes it; declare the filter with {@code <async-supported>true</async-supported>}.
 *
 * <p>With {@code db.serverTiming} the response carries a {@code Server-Timing} header with the
 * request's database time, and with {@code db.warnQueries} a request that runs too many statements
 * logs a warning when it ends; see docs/observability.md.
 *
 * <pre>{@code
 * <filter>
 *   <filter-name>db</filter-name>
 *   <filter-class>io.dbfilter.DbFilter</filter-class>
 *   <async-supported>true</async-supported>
 *   <init-param><param-name>db.url</param-name><param-value>jdbc:derby:memory:app;create=true</param-value></init-param>
 *   <init-param><param-name>db.packages</param-name><param-value>com.example.model</param-value></init-param>
 * </filter>
 * <filter-mapping><filter-name>db</filter-name><url-pattern>/*</url-pattern></filter-mapping>
 * }</pre>
 *
 * @since 0.1
 */
public class DbFilter implements Filter {
    private static final Logger LOG = LoggerFactory.getLogger(DbFilter.class);
    private static final String KEPT_SCOPE = DbFilter.class.getName() + ".scope";

    private Database database;
    private boolean builtHere;

    /** Creates the filter; the container does this from web.xml. */
    public DbFilter() {
    }

    /**
     * Uses the Database that {@link DbBootstrapListener} built, or builds it from this filter's
     * init-params (and runs {@link Database#createAll()} unless {@code db.createAll=false}).
     *
     * @param config the filter configuration
     * @throws ServletException naming the setting to fix when the Database cannot be built
     */
    @Override
    public void init(FilterConfig config) throws ServletException {
        ServletContext context = config.getServletContext();
        if (context.getAttribute(Database.ATTRIBUTE) instanceof Database existing) {
            database = existing;
            return;
        }
        var params = new LinkedHashMap<String, String>();
        for (String name : Collections.list(config.getInitParameterNames())) {
            params.put(name, config.getInitParameter(name));
        }
        try {
            database = DbBootstrapListener.start(context, params, "init-param of filter '" + config.getFilterName() + "'");
        } catch (RuntimeException e) {
            LOG.error(e.getMessage());
            throw new ServletException(e.getMessage(), e);
        }
        builtHere = true;
    }

    /**
     * Runs the rest of the chain inside a scope of the web application's Database. A
     * {@link NotFoundException} from the chain becomes {@code response.sendError(404, description)};
     * a failure to reach the database (the pool's {@code connectionTimeout} passed, the connection
     * broke) becomes {@code sendError(503)} with one warning in the log, while the response is
     * not yet committed.
     *
     * @param request  the request
     * @param response the response
     * @param chain    the rest of the chain
     * @throws IOException      from the chain
     * @throws ServletException from the chain
     */
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Database.Scope current = Db.current();
        if (current != null && current.database == database) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getDispatcherType() == DispatcherType.ASYNC
                && request.getAttribute(KEPT_SCOPE) instanceof Database.Scope kept) {
            resume(kept, request, response, chain);
            return;
        }
        Database.Scope scope = database.open(request, response);
        // Only with db.serverTiming: otherwise the container's own response passes through untouched.
        ServletResponse passed = database.serverTiming && response instanceof HttpServletResponse http
                ? new ServerTimingResponse(http, scope) : response;
        Throwable failure = null;
        try {
            chain.doFilter(request, passed);
        } catch (NotFoundException e) {
            notFound(e, passed);
        } catch (Throwable e) {
            failure = e;
            if (!unavailable(e, request, passed)) {
                throw e;
            }
        } finally {
            if (request.isAsyncStarted()) {
                keep(scope, request);
            } else {
                if (passed instanceof ServerTimingResponse timing) {
                    timing.stamp();
                }
                QueryWarning.check(scope);
                end(scope, failure);
            }
        }
    }

    /** An ASYNC dispatch of a request whose scope was kept: bind it again for the dispatch. */
    private static void resume(Database.Scope kept, ServletRequest request, ServletResponse response,
            FilterChain chain) throws IOException, ServletException {
        kept.attach();
        try {
            chain.doFilter(request, response);
        } catch (NotFoundException e) {
            notFound(e, response);
        } catch (Throwable e) {
            if (!unavailable(e, request, response)) {
                throw e;
            }
        } finally {
            kept.detach();
        }
    }

    /**
     * Answers a {@link NotFoundException} with the container's error page. Dispatches that joined
     * the request's scope (FORWARD, INCLUDE) let it pass, so that it is answered once, here.
     */
    private static void notFound(NotFoundException e, ServletResponse response) throws IOException {
        if (response.isCommitted()) {
            LOG.warn("dbfilter: cannot answer 404 Not Found, the response is already committed: {}", e.getMessage());
        } else if (response instanceof HttpServletResponse http) {
            if (e.description() == null) {
                http.sendError(404);
            } else {
                http.sendError(404, e.description());
            }
        } else {
            throw e;
        }
    }

    /**
     * Answers 503 when {@code e} says the database cannot be reached (the pool timed out waiting
     * for a connection, or the connection failed), with one log line instead of a stack trace per
     * request while the database is down. Returns false, leaving {@code e} to the container, for
     * any other failure and when the response is already committed.
     */
    private static boolean unavailable(Throwable e, ServletRequest request, ServletResponse response)
            throws IOException {
        SQLException cause = Unavailable.cause(e);
        if (cause == null || response.isCommitted() || !(response instanceof HttpServletResponse http)) {
            return false;
        }
        String what = request instanceof HttpServletRequest r ? r.getMethod() + " " + r.getRequestURI() : "request";
        LOG.warn("dbfilter: {} answered 503 Service Unavailable, the database cannot be reached: {} (SQLState {})",
                what, cause.getMessage(), cause.getSQLState());
        http.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        return true;
    }

    private static void keep(Database.Scope scope, ServletRequest request) {
        scope.detach();
        request.setAttribute(KEPT_SCOPE, scope);
        request.getAsyncContext().addListener(new ScopeCloser(scope));
    }

    private static void end(Database.Scope scope, Throwable failure) {
        try {
            scope.close();
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    /** Closes the Database if this filter built it (without {@link DbBootstrapListener}). */
    @Override
    public void destroy() {
        if (builtHere && database != null) {
            database.close();
        }
        database = null;
    }

    /** Ends a kept scope when its asynchronous request ends, on whatever thread reports it. */
    private record ScopeCloser(Database.Scope scope) implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            close();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            close();
        }

        @Override
        public void onError(AsyncEvent event) {
            close();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // A new async cycle forgets its listeners; stay registered until the request ends.
            event.getAsyncContext().addListener(this);
        }

        private void close() {
            QueryWarning.check(scope);
            try {
                scope.close();
            } catch (RuntimeException e) {
                LOG.warn("dbfilter: ending the scope of an asynchronous request failed: {}", e.toString());
            }
        }
    }
}

package io.dbfilter;

import io.dbfilter.internal.jdbc.EmbeddedDerby;
import io.dbfilter.internal.scope.ScopeState;
import io.dbfilter.internal.scope.ThreadScope;
import io.dbfilter.internal.util.Failures;
import io.dbfilter.internal.web.AsyncScopes;
import io.dbfilter.internal.web.CarrierPinning;
import io.dbfilter.internal.web.DatabaseErrors;
import io.dbfilter.internal.web.ServerTiming;
import io.dbfilter.internal.web.ServerTimingResponse;
import io.dbfilter.internal.web.ServletRequestInfo;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
 * <p>Requests may run on virtual threads. On Java 21 to 23 the first request on a virtual thread
 * logs one warning: there a request that waits for a pooled connection pins its carrier thread
 * (see docs/deployment.md, "Virtual threads"); Java 24 and later do not pin.
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
    /** The context attribute that holds the web application's Database. */
    static final String ATTRIBUTE = Database.class.getName();

    private volatile Database database;
    /** Decided once at init: null unless {@code db.serverTiming} installed the feature. */
    private ServerTiming serverTiming;
    private boolean builtHere;
    private ServletContext context;

    /** Creates the filter; the container does this from web.xml. */
    public DbFilter() {
    }

    /**
     * The Database of a web application, as built by {@link DbBootstrapListener} or {@link DbFilter}:
     * for a servlet's {@code init()}, a listener, or a test that seeds data.
     *
     * @param context the web application's servlet context
     * @return its Database
     * @throws IllegalStateException when neither the listener nor the filter has built one yet
     * @since 0.1
     */
    public static Database database(ServletContext context) {
        Object database = context.getAttribute(ATTRIBUTE);
        if (database instanceof Database found) {
            return found;
        }
        throw new IllegalStateException("dbfilter: this web application has no Database yet. Declare"
                + " io.dbfilter.DbBootstrapListener in web.xml (it builds the Database before any servlet starts),"
                + " or call DbFilter.database only after io.dbfilter.DbFilter has been initialized.");
    }

    /**
     * Gives a web application a Database built elsewhere, by a test harness (dbfilter-test does this)
     * or by code that builds it itself: {@link DbBootstrapListener} and {@code DbFilter} then use it
     * instead of building one from their settings, and never close it. Call it before the
     * application starts, for instance on an embedded container's context before {@code start()}.
     *
     * @param context  the web application's servlet context
     * @param database the Database its requests use; its owner closes it after the application stops
     * @throws IllegalStateException when the application already has a Database
     * @since 0.1
     */
    public static void use(ServletContext context, Database database) {
        Object existing = context.getAttribute(ATTRIBUTE);
        if (existing != null && existing != database) {
            throw new IllegalStateException("dbfilter: this web application already has a Database (" + existing
                    + "); call DbFilter.use before the application starts, once");
        }
        context.setAttribute(ATTRIBUTE, database);
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
        context = config.getServletContext();
        if (context.getAttribute(ATTRIBUTE) instanceof Database existing) {
            use(existing);
            return;
        }
        var params = new LinkedHashMap<String, String>();
        for (String name : Collections.list(config.getInitParameterNames())) {
            params.put(name, config.getInitParameter(name));
        }
        try {
            use(DbBootstrapListener.start(context, params, "init-param of filter '" + config.getFilterName() + "'"));
        } catch (RuntimeException e) {
            LOG.error(e.getMessage());
            throw new ServletException(e.getMessage(), e);
        }
        builtHere = true;
    }

    private void use(Database built) {
        serverTiming = built.engines().listener(ServerTiming.class);
        database = built;
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
        DispatcherType type = request.getDispatcherType();
        ScopeState kept = type == DispatcherType.ASYNC || type == DispatcherType.ERROR ? AsyncScopes.kept(request) : null;
        if (kept != null) {
            resume(kept, request, response, chain);
            return;
        }
        var info = new ServletRequestInfo(request, response);
        if (type == DispatcherType.REQUEST) {
            CarrierPinning.check();
            // A scope bound now was left by earlier work on this pooled thread: never join it.
            ThreadScope.endLeftovers(info, false);
        }
        ScopeState scope = ScopeState.enter(database.engines(), info);
        if (scope.isJoined()) {
            // A FORWARD or INCLUDE inside the request: the outermost dispatch answers errors, once.
            try {
                chain.doFilter(request, response);
            } finally {
                scope.exit();
            }
            return;
        }
        // Only with db.serverTiming: otherwise the container's own response passes through untouched.
        ServletResponse passed = serverTiming != null && response instanceof HttpServletResponse http
                ? serverTiming.wrap(http, scope) : response;
        Throwable failure = null;
        try {
            chain.doFilter(request, passed);
        } catch (NotFoundException e) {
            refuse(e, e.status(), e.description(), passed);
        } catch (BadRequestException e) {
            refuse(e, e.status(), e.description(), passed);
        } catch (Throwable e) {
            failure = e;
            if (!DatabaseErrors.answer(e, request, passed, scope)) {
                throw e;
            }
        } finally {
            finish(scope, request, passed, failure);
        }
    }

    /** An ASYNC (or ERROR) dispatch of a request whose scope was kept: bind it again for the dispatch. */
    private static void resume(ScopeState kept, ServletRequest request, ServletResponse response,
            FilterChain chain) throws IOException, ServletException {
        kept.attach();
        try {
            chain.doFilter(request, response);
        } catch (NotFoundException e) {
            refuse(e, e.status(), e.description(), response);
        } catch (BadRequestException e) {
            refuse(e, e.status(), e.description(), response);
        } catch (Throwable e) {
            if (!DatabaseErrors.answer(e, request, response, kept)) {
                throw e;
            }
        } finally {
            kept.detach();
        }
    }

    /**
     * Answers a {@link NotFoundException} (404) or {@link BadRequestException} (400) with the
     * container's error page. Dispatches that joined the request's scope (FORWARD, INCLUDE) let it
     * pass, so that it is answered once, here.
     */
    private static void refuse(RuntimeException e, int status, String description, ServletResponse response)
            throws IOException {
        if (response.isCommitted()) {
            LOG.warn("dbfilter: cannot answer {}, the response is already committed: {}",
                    status == 404 ? "404 Not Found" : status + " Bad Request", e.getMessage());
        } else if (response instanceof HttpServletResponse http) {
            if (description == null) {
                http.sendError(status);
            } else {
                http.sendError(status, description);
            }
        } else {
            throw e;
        }
    }

    /**
     * Keeps an asynchronous request's scope, or ends the scope; then, whatever happened, leaves
     * the thread as the request found it.
     */
    private static void finish(ScopeState scope, ServletRequest request, ServletResponse passed, Throwable failure) {
        try {
            // A scope opened inside the request and not closed must not outlive it on this thread.
            ThreadScope.endLeftoversAbove(scope, scope.request(), true);
            if (request.isAsyncStarted() && keep(scope, request, failure)) {
                return;
            }
            end(scope, passed, failure);
        } finally {
            ThreadScope.endLeftovers(scope.request(), true);
        }
    }

    private static boolean keep(ScopeState scope, ServletRequest request, Throwable failure) {
        try {
            AsyncScopes.keep(scope, request);
            return true;
        } catch (RuntimeException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            }
            return false;
        }
    }

    /** Ends the request's scope whatever the last header stamp does; a chain failure keeps precedence. */
    private static void end(ScopeState scope, ServletResponse passed, Throwable failure) {
        var failures = new Failures();
        if (passed instanceof ServerTimingResponse timing) {
            failures.run(timing::stamp);
        }
        failures.run(scope::exit);
        if (failure != null) {
            failures.suppressInto(failure);
        } else {
            failures.throwIfAny();
        }
    }

    /** Closes the Database if this filter built it (without {@link DbBootstrapListener}). */
    @Override
    public void destroy() {
        Database built = database;
        database = null;
        if (builtHere && built != null) {
            // Nothing may find a closed Database in the context, and the application's loader must be let go.
            context.removeAttribute(ATTRIBUTE);
            built.close();
            EmbeddedDerby.releaseWithWebApplication(context.getClassLoader());
        }
    }
}

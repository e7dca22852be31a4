package io.dbfilter;

import io.dbfilter.internal.config.Settings;
import io.dbfilter.internal.jdbc.EmbeddedDerby;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the web application's {@link Database} when the application starts, creates its tables,
 * and closes it when the application stops.
 *
 * <p>It reads the init-params of the {@link DbFilter} declared in the same application (so the
 * configuration lives in one place), the context-params, system properties and environment
 * variables. Tables are created, in every bind, unless {@code db.createAll=false} (or a bind's
 * {@code db.bind.<name>.createAll=false}); a bind with {@code db.migrate=true} runs its Flyway
 * migrations instead, while the Database starts (see docs/migrations.md). Any error fails the deployment
 * with a message naming the setting to fix, before the first request, and leaves nothing running.
 *
 * <pre>{@code
 * <listener><listener-class>io.dbfilter.DbBootstrapListener</listener-class></listener>
 * }</pre>
 *
 * <p>The listener is optional: without it, {@link DbFilter#init} does the same work.
 *
 * @since 0.1
 */
public class DbBootstrapListener implements ServletContextListener {
    private static final Logger LOG = LoggerFactory.getLogger(DbBootstrapListener.class);

    private Database database;

    /** Creates the listener; the container does this from web.xml. */
    public DbBootstrapListener() {
    }

    /**
     * Builds the Database, creates every bind's tables unless disabled, and stores the
     * Database in the context for {@link DbFilter#database} and {@link DbFilter}.
     *
     * @param event the context start event
     * @throws RuntimeException with the cause and its fix when the configuration is wrong or the
     *                          database cannot be reached; the container then fails the deployment
     */
    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        if (context.getAttribute(DbFilter.ATTRIBUTE) != null) {
            return;
        }
        FilterRegistration filter = dbFilter(context);
        Map<String, String> params = filter == null ? Map.of() : filter.getInitParameters();
        String source = filter == null ? "init-param" : "init-param of filter '" + filter.getName() + "'";
        try {
            database = start(context, params, source);
        } catch (RuntimeException e) {
            LOG.error(e.getMessage());
            throw e;
        }
    }

    /**
     * Closes the Database this listener built.
     *
     * @param event the context stop event
     */
    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (database != null) {
            event.getServletContext().removeAttribute(DbFilter.ATTRIBUTE);
            database.close();
            database = null;
            EmbeddedDerby.releaseWithWebApplication(event.getServletContext().getClassLoader());
        }
    }

    /** Builds, creates the tables of, and publishes the web application's Database. */
    static Database start(ServletContext context, Map<String, String> params, String source) {
        var contextParams = new LinkedHashMap<String, String>();
        for (String name : Collections.list(context.getInitParameterNames())) {
            contextParams.put(name, context.getInitParameter(name));
        }
        Settings settings = Settings.resolve(params, source, contextParams, System.getProperties(), System.getenv());
        Database database = Database.start(settings);
        try {
            database.engines().createAllAsConfigured();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        context.setAttribute(DbFilter.ATTRIBUTE, database);
        return database;
    }

    private static FilterRegistration dbFilter(ServletContext context) {
        List<FilterRegistration> found = new ArrayList<>();
        for (FilterRegistration registration : context.getFilterRegistrations().values()) {
            if (isDbFilter(registration.getClassName())) {
                found.add(registration);
            }
        }
        if (found.size() > 1) {
            throw new IllegalStateException("dbfilter: this web application declares io.dbfilter.DbFilter "
                    + found.size() + " times (" + found.stream().map(FilterRegistration::getName).toList()
                    + "). Declare it once and map it to every URL that needs the database.");
        }
        return found.isEmpty() ? null : found.get(0);
    }

    private static boolean isDbFilter(String className) {
        if (className == null) {
            return false;
        }
        if (className.equals(DbFilter.class.getName())) {
            return true;
        }
        try {
            return DbFilter.class.isAssignableFrom(Class.forName(className, false, Database.loader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}

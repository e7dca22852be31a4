package io.dbfilter.test;

import jakarta.servlet.http.HttpServlet;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a dbfilter {@link io.dbfilter.Database} of its own, and rolls back
 * everything each test did: its own scopes, and every request that the application served for it,
 * on any thread, even where the code under test calls {@code Db.commit()}.
 *
 * <p>The Database is built once per class from the same settings as the application: the
 * {@code db.*} init-params and context-params of {@link #webApp()}'s {@code web.xml}, then
 * {@link DbSettings}, then {@code db.*} system properties and {@code DB_*} environment variables,
 * as in production. Without a {@code db.url} in any of them, the class gets an in-memory Derby
 * database of its own. Its tables are created once, unless {@code db.createAll=false}.
 *
 * <p>Test methods, constructors and lifecycle methods may declare a parameter of type
 * {@link io.dbfilter.Database}, and, when {@link #webApp()} or {@link #servlets()} is given, one of
 * type {@link TestServer}: the application started on an embedded Jetty on a free port.
 *
 * <p>While a test runs, all scopes of the Database share one connection inside one transaction.
 * A scope's commit releases a savepoint (later requests of the test see the rows; a constraint
 * still fails at the commit), {@code Db.rollback()} returns to it, and the test's end, passed or
 * failed, rolls the transaction back. Scopes take turns on the connection: a scope that has
 * written holds it until it commits or ends, so a test commits its own scope before it sends a
 * request. Tests of one class run one at a time; classes run in parallel with each other.
 *
 * @since 0.1
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DbTestExtension.class)
public @interface DbTest {
    /**
     * The web application to start for the tests: a folder holding {@code WEB-INF/web.xml}
     * ({@code "src/main/webapp"}), or {@code "classpath:"} and the folder's place on the class path
     * ({@code "classpath:webapp"}). Its classes come from the test's class path.
     *
     * @return the web application, or {@code ""} for none
     */
    String webApp() default "";

    /**
     * Servlets to serve, behind {@code DbFilter}, instead of a web application.
     *
     * @return the servlets and their paths
     */
    Route[] servlets() default {};

    /**
     * How long a scope waits for the test's connection while another scope holds it, before it
     * fails with a message naming the holder.
     *
     * @return the wait in milliseconds
     */
    long connectionWaitMillis() default 10_000;

    /**
     * A servlet and the URL pattern it serves, for {@link DbTest#servlets()}.
     *
     * @since 0.1
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({})
    @interface Route {
        /**
         * The URL pattern, as in {@code web.xml}: {@code "/users/*"}.
         *
         * @return the pattern
         */
        String path();

        /**
         * The servlet; it needs a public constructor without parameters.
         *
         * @return the servlet class
         */
        Class<? extends HttpServlet> servlet();
    }
}

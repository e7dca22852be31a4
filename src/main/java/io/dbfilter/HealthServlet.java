package io.dbfilter;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Answers {@code GET} with the web application's {@link Database#health()}: 200 and
 * {@code {"status":"UP",...}} when every bind hands out a working connection within
 * {@code db.healthTimeout} (800 ms by default), else 503 and {@code {"status":"DOWN",...}}, so a
 * load balancer or a Kubernetes readiness probe stops sending requests while the database is
 * unreachable and starts again once it is back. The body never contains a URL or a password.
 *
 * <pre>{@code
 * <servlet><servlet-name>health</servlet-name><servlet-class>io.dbfilter.HealthServlet</servlet-class></servlet>
 * <servlet-mapping><servlet-name>health</servlet-name><url-pattern>/health</url-pattern></servlet-mapping>
 * }</pre>
 *
 * <p>Keep the probe's own timeout above {@code db.healthTimeout}; a Kubernetes probe waits one
 * second unless {@code timeoutSeconds} says otherwise.
 *
 * @since 0.1
 */
public class HealthServlet extends HttpServlet {
    /** Creates the servlet; the container does this from web.xml. */
    public HealthServlet() {
    }

    /**
     * Checks the database and answers 200 or 503 with the JSON of {@link Health#toJson()}.
     *
     * @param request  the request
     * @param response the response
     * @throws IOException when the answer cannot be written
     */
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Health health = DbFilter.database(getServletContext()).health();
        response.setStatus(health.isUp() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        // A cached "UP" would keep a load balancer sending requests to a database that went down.
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(health.toJson());
    }
}

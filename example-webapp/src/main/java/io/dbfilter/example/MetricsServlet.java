package io.dbfilter.example;

import io.dbfilter.DbFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /metrics}: the application's meters in Prometheus's text format, for a Prometheus
 * server to scrape. The registry is made when the application starts and given to the Database
 * once; dbfilter then records its own meters and HikariCP's pool meters into it.
 */
public class MetricsServlet extends HttpServlet {
    private static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private transient PrometheusMeterRegistry registry;

    @Override
    public void init() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DbFilter.database(getServletContext()).recordMetrics(registry);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType(TEXT_FORMAT);
        response.setHeader("Cache-Control", "no-store");
        registry.scrape(response.getOutputStream(), TEXT_FORMAT);
    }

    @Override
    public void destroy() {
        registry.close();
    }
}

package io.dbfilter.bench;

import io.dbfilter.DbFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

/**
 * DbFilter's own work on a request that never touches the database, timed in this JVM without
 * HTTP: a chain that does nothing, and a request and response that only answer what a filter asks
 * (dynamic proxies, whose calls DbFilter pays and a pass-through filter does not, so the figure
 * errs high). Pair (a) compares requests per second, which a shared machine blurs by several
 * percent; this is the part of a request's CPU time that is DbFilter's.
 */
final class FilterCost {
    private static final int CALLS = 1_000_000;
    private static final int ROUNDS = 15;

    /**
     * Nanoseconds per request of DbFilter, of a pass-through filter, and (with {@code bench.metrics})
     * of DbFilter with {@code db.metrics=true} and a Prometheus registry, NaN without; medians of the
     * later rounds.
     */
    record Result(double dbFilterNanos, double passNanos, double metricsNanos) {
    }

    private FilterCost() {
    }

    static Result measure() throws Exception {
        boolean metrics = Boolean.getBoolean("bench.metrics");
        HttpServletRequest request = proxy(HttpServletRequest.class,
                (name, args) -> name.equals("getDispatcherType") ? DispatcherType.REQUEST : null);
        HttpServletResponse response = proxy(HttpServletResponse.class, (name, args) -> null);
        FilterChain chain = (req, res) -> { };
        Filter pass = (req, res, next) -> next.doFilter(req, res);
        DbFilter filter = filter(Map.of("db.url", "jdbc:derby:memory:filtercost;create=true",
                "db.entities", Person.class.getName() + "," + Post.class.getName()), false);
        DbFilter counting = metrics ? filter(Map.of("db.url", "jdbc:derby:memory:filtercostmetrics;create=true",
                "db.entities", Person.class.getName() + "," + Post.class.getName(), "db.metrics", "true"), true) : null;
        try {
            double[] db = new double[ROUNDS];
            double[] passing = new double[ROUNDS];
            double[] counted = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                db[round] = time(filter, request, response, chain);
                passing[round] = time(pass, request, response, chain);
                counted[round] = counting == null ? Double.NaN : time(counting, request, response, chain);
            }
            // The first third warms the JIT up.
            return new Result(Report.median(Arrays.copyOfRange(db, ROUNDS / 3, ROUNDS)),
                    Report.median(Arrays.copyOfRange(passing, ROUNDS / 3, ROUNDS)),
                    counting == null ? Double.NaN : Report.median(Arrays.copyOfRange(counted, ROUNDS / 3, ROUNDS)));
        } finally {
            filter.destroy();
            if (counting != null) {
                counting.destroy();
            }
        }
    }

    /** A DbFilter initialized from {@code settings}, its Database's metrics recorded when {@code metrics}. */
    private static DbFilter filter(Map<String, String> settings, boolean metrics) throws Exception {
        var attributes = new HashMap<String, Object>();
        ServletContext context = proxy(ServletContext.class, (name, args) -> switch (name) {
            case "getAttribute" -> attributes.get((String) args[0]);
            case "setAttribute" -> attributes.put((String) args[0], args[1]);
            default -> null;
        });
        FilterConfig config = proxy(FilterConfig.class, (name, args) -> switch (name) {
            case "getServletContext" -> context;
            case "getFilterName" -> "db";
            case "getInitParameterNames" -> Collections.enumeration(settings.keySet());
            case "getInitParameter" -> settings.get((String) args[0]);
            default -> null;
        });
        var filter = new DbFilter();
        filter.init(config);
        if (metrics) {
            DbFilter.database(context).recordMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        }
        return filter;
    }

    private static double time(Filter filter, HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < CALLS; i++) {
            filter.doFilter(request, response, chain);
        }
        return (System.nanoTime() - start) / (double) CALLS;
    }

    /** What a proxy answers to a call of {@code method}; null where false, 0, null or nothing will do. */
    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(FilterCost.class.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> {
                    Object value = answer.answer(method.getName(), args);
                    Class<?> returns = method.getReturnType();
                    if (value == null && returns == Enumeration.class) {
                        return Collections.emptyEnumeration();
                    }
                    if (value != null || !returns.isPrimitive()) {
                        return value;
                    }
                    return returns == boolean.class ? Boolean.FALSE : returns == long.class ? (Object) 0L : (Object) 0;
                }));
    }
}

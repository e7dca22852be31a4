package io.dbfilter.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The running example's {@code /metrics} parses as Prometheus's text format and holds dbfilter's
 * and HikariCP's meters; {@code /health} answers 200 with the database up.
 */
class ObservabilityTest {
    /** A sample line of the text format 0.0.4: name, optional labels, value, optional timestamp. */
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)"
            + "(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:\\\\.|[^\"\\\\])*\",?)*\\})?"
            + " (NaN|[+-]Inf|[+-]?[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)( -?[0-9]+)?");
    private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*)"
            + " (counter|gauge|histogram|summary|untyped)");
    private static final Pattern HELP = Pattern.compile("# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*");

    private ExampleApp app;

    @BeforeEach
    void start() throws Exception {
        app = ExampleApp.start();
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
    }

    /** Every sample of a scrape by its name and labels; fails on any line that is not the text format. */
    private static Map<String, Double> parse(String scrape) {
        var samples = new HashMap<String, Double>();
        Set<String> families = new HashSet<>();
        for (String line : scrape.lines().toList()) {
            Matcher type = TYPE.matcher(line);
            if (type.matches()) {
                assertTrue(families.add(type.group(1)), "family declared twice: " + line);
                continue;
            }
            if (line.isEmpty() || HELP.matcher(line).matches()) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertTrue(sample.matches(), "not a sample of the text format: " + line);
            String name = sample.group(1);
            assertTrue(families.stream().anyMatch(name::startsWith), "sample before its # TYPE line: " + line);
            samples.put(name + (sample.group(2) == null ? "" : sample.group(2)), Double.valueOf(sample.group(3)
                    .replace("Inf", "Infinity")));
        }
        return samples;
    }

    @Test
    void aScrapeOfMetricsParsesAsPrometheusTextAndHoldsTheDatabasesAndThePoolsMeters() throws Exception {
        app.create("ann", "ann@example.com");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, app.get("/users").statusCode());
        }
        String database = app.database().name();

        HttpResponse<String> response = app.get("/metrics");

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        Map<String, Double> samples = parse(response.body());
        String tag = "{database=\"" + database + "\"}";
        assertTrue(samples.get("dbfilter_scope_statements_count" + tag) >= 4, response.body());
        assertTrue(samples.get("dbfilter_scope_statements_sum" + tag) >= 4, response.body());
        assertTrue(samples.containsKey("dbfilter_scope_database_time_seconds_sum" + tag), response.body());
        assertEquals(1, samples.get("dbfilter_commits_total{database=\"" + database + "\",result=\"succeeded\"}"),
                response.body());
        assertEquals(0, samples.get("dbfilter_commits_total{database=\"" + database + "\",result=\"in_doubt\"}"));
        assertEquals(1, samples.get("dbfilter_scopes_open" + tag), "the scrape's own scope is open");
        assertEquals(10, samples.get("hikaricp_connections_max{pool=\"" + database + "\"}"), response.body());
        assertTrue(samples.containsKey("hikaricp_connections_active{pool=\"" + database + "\"}"), response.body());
    }

    @Test
    void healthIs200WithTheDatabaseUp() throws Exception {
        HttpResponse<String> response = app.get("/health");

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("{\"status\":\"UP\",\"database\":\"" + app.database().name() + "\""),
                response.body());
    }
}

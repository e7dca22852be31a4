package io.dbfilter;

import static io.dbfilter.FilterTest.servlet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.model.User;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.instrumentation.jdbc.datasource.JdbcTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code db.dataSourceWrapper} proved with OpenTelemetry's JDBC instrumentation: wrapped before
 * EclipseLink sees the pool, it makes one span per statement, nested under the span of the request
 * that ran it, with the SQL text and none of the bound values.
 */
class TracingTest {
    private static final List<AttributeKey<String>> SQL = List.of(AttributeKey.stringKey("db.query.text"),
            AttributeKey.stringKey("db.statement"));
    private static volatile OpenTelemetry openTelemetry;

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private OpenTelemetrySdk sdk;

    /** What an application names in {@code db.dataSourceWrapper}; a real one would use {@code GlobalOpenTelemetry.get()}. */
    public static final class Traced implements UnaryOperator<DataSource> {
        @Override
        public DataSource apply(DataSource pool) {
            return JdbcTelemetry.create(openTelemetry).wrap(pool);
        }
    }

    @BeforeEach
    void openTelemetry() {
        sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(spans)).build()).build();
        openTelemetry = sdk;
    }

    @AfterEach
    void close() {
        sdk.close();
    }

    private static String sql(SpanData span) {
        return SQL.stream().map(key -> span.getAttributes().get(key)).filter(value -> value != null).findFirst()
                .orElse(null);
    }

    @Test
    void eachStatementIsOneSpanUnderTheRequestSpanWithItsSqlAndNoneOfItsBoundValues() throws Exception {
        var settings = TestDatabases.settings("db.recordQueries", "true", "db.dataSourceWrapper", Traced.class.getName());
        try (var server = TestServer.start(settings, Map.of("/work", servlet((request, response) -> {
            Tracer tracer = openTelemetry.getTracer("test");
            // What an agent's or a tracing filter's server span is while the servlet runs.
            Span span = tracer.spanBuilder("GET /work").setSpanKind(SpanKind.SERVER).startSpan();
            try (Scope current = span.makeCurrent()) {
                Db.session().persist(new User("secret-ann-42"));
                Db.commit();
                Db.session().createQuery("select u from User u where u.username = :name", User.class)
                        .setParameter("name", "secret-ann-42").getSingleResult();
            } finally {
                span.end();
            }
            response.getWriter().print(Db.recordedQueries().stream().map(RecordedQuery::statement)
                    .collect(Collectors.joining("\n")));
        })))) {
            server.database().createAll();
            spans.reset();

            List<String> recorded = server.get("/work").body().lines().toList();

            SpanData request = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("GET /work"))
                    .findFirst().orElseThrow();
            List<SpanData> statements = spans.getFinishedSpanItems().stream().filter(s -> sql(s) != null).toList();
            assertEquals(recorded.size(), statements.size(), "spans: " + spans.getFinishedSpanItems());
            assertTrue(recorded.size() >= 2, recorded.toString());
            for (SpanData statement : statements) {
                assertEquals(SpanKind.CLIENT, statement.getKind());
                assertEquals(request.getTraceId(), statement.getTraceId());
                assertEquals(request.getSpanId(), statement.getParentSpanId(), statement.toString());
                assertTrue(recorded.contains(sql(statement)), sql(statement) + " not in " + recorded);
                assertFalse(statement.getAttributes().toString().contains("secret-ann"), statement.toString());
            }
            assertTrue(statements.stream().anyMatch(s -> sql(s).startsWith("INSERT INTO")), statements.toString());
            assertTrue(statements.stream().anyMatch(s -> sql(s).contains("USERNAME = ?")
                    || sql(s).contains("username = ?")), statements.toString());
        }
    }

    @Test
    void aStatementOutsideAnySpanIsARootSpanAndEveryBindIsWrapped() {
        var settings = BindsTest.settings("db.dataSourceWrapper", Traced.class.getName());
        try (Database database = Database.create(settings)) {
            database.createAll();
            spans.reset();
            try (var scope = database.open()) {
                Db.session().createQuery("select count(c) from Customer c").getSingleResult();
                Db.session("analytics").createQuery("select count(e) from Event e").getSingleResult();
            }

            List<SpanData> statements = spans.getFinishedSpanItems().stream().filter(s -> sql(s) != null).toList();
            assertEquals(2, statements.size(), statements.toString());
            for (SpanData statement : statements) {
                assertFalse(statement.getParentSpanContext().isValid(), statement.toString());
                assertNotNull(sql(statement));
            }
        }
    }
}

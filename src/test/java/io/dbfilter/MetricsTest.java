package io.dbfilter;

import static io.dbfilter.FilterTest.servlet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.binds.Customer;
import io.dbfilter.binds.analytics.Event;
import io.dbfilter.model.User;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.persistence.PersistenceException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code Database.recordMetrics}: dbfilter's meters and HikariCP's, per bind, in a
 * {@link SimpleMeterRegistry}, given after the Database started.
 */
class MetricsTest {
    private static Map<String, String> binds(String... extra) {
        var settings = new HashMap<String, String>();
        settings.put("db.url", TestDatabases.memoryUrl());
        settings.put("db.packages", "io.dbfilter.binds");
        settings.put("db.binds", "analytics");
        settings.put("db.bind.analytics.url", TestDatabases.memoryUrl());
        settings.put("db.bind.analytics.packages", "io.dbfilter.binds.analytics");
        settings.put("db.metrics", "true");
        settings.put("db.pool.maximumPoolSize", "3");
        settings.put("db.bind.analytics.pool.maximumPoolSize", "2");
        for (int i = 0; i < extra.length; i += 2) {
            settings.put(extra[i], extra[i + 1]);
        }
        return settings;
    }

    private static double commits(MeterRegistry registry, String database, String result) {
        return registry.get("dbfilter.commits").tag("database", database).tag("result", result).counter().count();
    }

    @Test
    void tenRequestsOfThreeStatementsEachGiveAStatementsPerScopeSummaryOfCountTenAndTotalThirty() throws Exception {
        // Ten requests that run no statement go between them: they are not scopes of the summary.
        var registry = new SimpleMeterRegistry();
        try (var server = TestServer.start(binds(), Map.of("/three", servlet((request, response) -> {
            Db.session().createQuery("select count(c) from Customer c", Long.class).getSingleResult();
            Db.session("analytics").createQuery("select count(e) from Event e", Long.class).getSingleResult();
            Db.session().createQuery("select c from Customer c where c.name = :n", Customer.class)
                    .setParameter("n", "ann").getResultList();
            response.getWriter().print("ok");
        }), "/none", servlet((request, response) -> response.getWriter().print("no statement"))))) {
            Database database = server.database();
            database.createAll();
            database.recordMetrics(registry);

            for (int i = 0; i < 10; i++) {
                assertEquals(200, server.get("/three").statusCode());
                assertEquals(200, server.get("/none").statusCode());
            }

            DistributionSummary statements = registry.get("dbfilter.scope.statements")
                    .tag("database", database.name()).summary();
            assertEquals(10, statements.count());
            assertEquals(30, statements.totalAmount());
            var time = registry.get("dbfilter.scope.database.time").tag("database", database.name()).timer();
            assertEquals(10, time.count());
            assertTrue(time.totalTime(TimeUnit.NANOSECONDS) > 0);
            assertEquals(0, registry.get("dbfilter.scopes.open").gauge().value());
        }
    }

    @Test
    void eachBindsPoolReportsItsMaximumPoolSizeTaggedWithThePoolOfThatBind() {
        var registry = new SimpleMeterRegistry();
        try (Database database = Database.create(binds())) {
            database.recordMetrics(registry);

            assertEquals(3, registry.get("hikaricp.connections.max").tag("pool", database.name()).gauge().value());
            assertEquals(2, registry.get("hikaricp.connections.max").tag("pool", database.name() + "-analytics")
                    .gauge().value());
        }
    }

    @Test
    void commitsAreCountedAsSucceededOrFailedAndRollbacksAsSuch() {
        var registry = new SimpleMeterRegistry();
        try (Database database = TestDatabases.create("db.metrics", "true")) {
            database.recordMetrics(registry);
            try (Scope scope = database.open()) {
                Db.session().persist(new User("ann"));
                Db.commit();
                Db.session().persist(new User("ann"));
                assertThrows(PersistenceException.class, Db::commit);
                Db.session().persist(new User("bob"));
                Db.rollback();
            }

            assertEquals(1, commits(registry, database.name(), "succeeded"));
            assertEquals(1, commits(registry, database.name(), "failed"));
            assertEquals(0, commits(registry, database.name(), "in_doubt"));
            // The failed commit's rollback, then Db.rollback().
            assertEquals(2, registry.get("dbfilter.rollbacks").counter().count());
        }
    }

    @Test
    void aCommitWhoseConnectionFailsDuringTheCommitIsCountedInDoubt() {
        var registry = new SimpleMeterRegistry();
        try (Database database = TestDatabases.create("db.metrics", "true",
                "db.dataSourceWrapper", FailingCommits.class.getName())) {
            database.recordMetrics(registry);
            try (Scope scope = database.open()) {
                Db.session().persist(new User("ann"));
                FailingCommits.failNext = true;
                assertThrows(PersistenceException.class, Db::commit);
            } finally {
                FailingCommits.failNext = false;
            }

            assertEquals(1, commits(registry, database.name(), "in_doubt"));
            assertEquals(0, commits(registry, database.name(), "failed"));
        }
    }

    /** Wraps connections so that the next {@code commit()} fails as a connection lost mid-commit does. */
    public static final class FailingCommits implements java.util.function.UnaryOperator<javax.sql.DataSource> {
        static volatile boolean failNext;

        @Override
        public javax.sql.DataSource apply(javax.sql.DataSource pool) {
            return Wrapping.connections(pool, connection -> Wrapping.onCommit(connection, () -> {
                if (failNext) {
                    failNext = false;
                    throw new SQLException("connection reset during commit", "08006");
                }
            }));
        }
    }

    @Test
    void aRequestAnswered503BecauseTheDatabaseCannotBeReachedIsCounted() throws Exception {
        var registry = new SimpleMeterRegistry();
        var settings = TestDatabases.settings("db.metrics", "true",
                "db.dataSourceWrapper", Unreachable.class.getName());
        try (var server = TestServer.start(settings, Map.of("/count", servlet((request, response) ->
                response.getWriter().print(Db.session().createQuery("select count(u) from User u", Long.class)
                        .getSingleResult()))))) {
            server.database().createAll();
            server.database().recordMetrics(registry);
            Unreachable.down = true;
            try {
                assertEquals(503, server.get("/count").statusCode());
            } finally {
                Unreachable.down = false;
            }

            assertEquals(1, registry.get("dbfilter.unavailable").counter().count());
            assertEquals(200, server.get("/count").statusCode());
            assertEquals(1, registry.get("dbfilter.unavailable").counter().count());
        }
    }

    /** A pool that, while {@link #down}, fails as a database that cannot be reached does. */
    public static final class Unreachable implements java.util.function.UnaryOperator<javax.sql.DataSource> {
        static volatile boolean down;

        @Override
        public javax.sql.DataSource apply(javax.sql.DataSource pool) {
            return Wrapping.beforeGetConnection(pool, () -> {
                if (down) {
                    throw new SQLTransientConnectionException("Connection refused", "08001");
                }
            });
        }
    }

    @Test
    void aRequestOverDbWarnQueriesIsCountedAsAWarning() throws Exception {
        var registry = new SimpleMeterRegistry();
        var settings = TestDatabases.settings("db.metrics", "true", "db.recordQueries", "true",
                "db.warnQueries", "2");
        try (var server = TestServer.start(settings, Map.of("/many", servlet((request, response) -> {
            for (int i = 0; i < 3; i++) {
                Db.session().createQuery("select count(u) from User u", Long.class).getSingleResult();
            }
        }), "/one", servlet((request, response) ->
                Db.session().createQuery("select count(u) from User u", Long.class).getSingleResult())))) {
            server.database().createAll();
            server.database().recordMetrics(registry);
            String log = SchemaTest.captureOutput(() -> {
                try {
                    server.get("/many");
                    server.get("/one");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });

            assertEquals(1, registry.get("dbfilter.query.warnings").counter().count(), log);
        }
    }

    @Test
    void scopesRunBeforeARegistryWasGivenAreNotCountedAndThoseAfterAre() {
        var registry = new SimpleMeterRegistry();
        try (Database database = TestDatabases.create("db.metrics", "true")) {
            try (Scope scope = database.open()) {
                Db.session().createQuery("select count(u) from User u").getSingleResult();
            }
            database.recordMetrics(registry);
            try (Scope scope = database.open()) {
                Db.session().createQuery("select count(u) from User u").getSingleResult();
                assertEquals(1, registry.get("dbfilter.scopes.open").gauge().value());
            }

            assertEquals(1, registry.get("dbfilter.scope.statements").summary().count());
            assertEquals(1, registry.get("dbfilter.scope.statements").summary().totalAmount());
        }
    }

    @Test
    void closingTheDatabaseRemovesItsMetersAndItsPoolsMeters() {
        var registry = new SimpleMeterRegistry();
        Database database = TestDatabases.create("db.metrics", "true");
        database.recordMetrics(registry);
        assertTrue(registry.find("hikaricp.connections.max").gauge() != null);

        database.close();

        assertNull(registry.find("dbfilter.scope.statements").summary());
        assertNull(registry.find("hikaricp.connections.max").gauge());
    }

    @Test
    void recordMetricsWithoutDbMetricsSaysWhichSettingToTurnOn() {
        try (Database database = TestDatabases.create()) {
            var e = assertThrows(IllegalStateException.class, () -> database.recordMetrics(new SimpleMeterRegistry()));
            assertEquals("dbfilter: Database.recordMetrics needs db.metrics=true, which " + database.name()
                    + " was started without. Set it with the other db.* settings (init-param, context-param, system"
                    + " property, or the map given to Database.create).", e.getMessage());
        }
    }

    @Test
    void recordMetricsRefusesWhatIsNotAMeterRegistryAndASecondRegistry() {
        try (Database database = TestDatabases.create("db.metrics", "true")) {
            var wrongType = assertThrows(IllegalArgumentException.class, () -> database.recordMetrics("registry"));
            assertEquals("dbfilter: Database.recordMetrics takes an io.micrometer.core.instrument.MeterRegistry,"
                    + " not a java.lang.String.", wrongType.getMessage());
            database.recordMetrics(new SimpleMeterRegistry());
            var twice = assertThrows(IllegalStateException.class,
                    () -> database.recordMetrics(new SimpleMeterRegistry()));
            assertTrue(twice.getMessage().contains("call Database.recordMetrics once"), twice.getMessage());
        }
    }
}

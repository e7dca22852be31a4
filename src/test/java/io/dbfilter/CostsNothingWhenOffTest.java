package io.dbfilter;

import static io.dbfilter.FilterTest.servlet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.dbfilter.internal.metrics.Metrics;
import io.dbfilter.internal.observe.CommitTracker;
import io.dbfilter.internal.observe.QueryRecorder;
import io.dbfilter.internal.web.ServerTimingResponse;
import io.dbfilter.model.User;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.util.Map;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.jpa.JpaEntityManagerFactory;
import org.eclipse.persistence.sessions.server.ServerSession;
import org.junit.jupiter.api.Test;

/**
 * With recording, Server-Timing, warnings, tracking and metrics off (the default), nothing of them
 * is installed: EclipseLink gets no listener, a scope no list, a pool no metrics tracker, a request
 * its container's response.
 */
class CostsNothingWhenOffTest {
    private static ServerSession session(Database database) {
        return database.entityManagerFactory().unwrap(JpaEntityManagerFactory.class).getServerSession();
    }

    private static boolean hasQueryRecorder(Database database) {
        return session(database).getEventManager().getListeners().stream().anyMatch(QueryRecorder.class::isInstance);
    }

    private static boolean hasMetrics(Database database) {
        return session(database).getEventManager().getListeners().stream().anyMatch(Metrics.class::isInstance);
    }

    private static boolean hasCommitEvents(Database database) {
        for (ClassDescriptor descriptor : session(database).getDescriptors().values()) {
            if (descriptor.getEventManager().getEventListeners().stream().anyMatch(CommitTracker.class::isInstance)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void byDefaultEclipseLinkGetsNoRecorderAndNoCommitListener() {
        try (Database database = TestDatabases.create()) {
            assertFalse(hasQueryRecorder(database));
            assertFalse(hasCommitEvents(database));
            assertFalse(hasMetrics(database));
            assertNull(database.engines().listener(QueryRecorder.class));
            assertNull(database.engines().listener(CommitTracker.class));
            assertNull(database.engines().listener(Metrics.class));
        }
    }

    @Test
    void byDefaultNoMetricsAreCountedAndThePoolsHaveNoMetricsTracker() {
        try (Database database = TestDatabases.create(); Scope scope = database.open()) {
            Db.session().createQuery("select count(u) from User u").getSingleResult();

            assertNull(scope.state().slot(0));
            assertNull(((HikariDataSource) database.dataSource()).getMetricsTrackerFactory());
            assertNull(((HikariDataSource) database.dataSource()).getMetricRegistry());
        }
    }

    @Test
    void withDbMetricsButNoRegistryAScopeKeepsNoTallyAndThePoolsHaveNoTracker() {
        try (Database database = TestDatabases.create("db.metrics", "true"); Scope scope = database.open()) {
            Db.session().createQuery("select count(u) from User u").getSingleResult();

            assertTrue(hasMetrics(database));
            assertNull(scope.state().slot(0));
            assertNull(((HikariDataSource) database.dataSource()).getMetricsTrackerFactory());
        }
    }

    @Test
    void theListenersAreInstalledOnlyWhenTheirSettingIsOn() {
        try (Database recording = TestDatabases.create("db.recordQueries", "true");
                Database tracking = TestDatabases.create("db.trackModifications", "true")) {
            assertTrue(hasQueryRecorder(recording));
            assertFalse(hasCommitEvents(recording));
            assertTrue(hasCommitEvents(tracking));
            assertFalse(hasQueryRecorder(tracking));
        }
    }

    @Test
    void byDefaultAScopeThatRanStatementsKeepsNoLog() {
        try (Database database = TestDatabases.create("db.insertOrder", "false"); Scope scope = database.open()) {
            Db.session().persist(new User("ann"));
            Db.commit();
            Db.session().createQuery("select count(u) from User u").getSingleResult();

            assertNull(scope.state().slot(0));
        }
        try (Database database = TestDatabases.create("db.recordQueries", "true"); Scope scope = database.open()) {
            Db.session().createQuery("select count(u) from User u").getSingleResult();

            assertEquals(1, database.engines().listener(QueryRecorder.class).statements(scope.state()).size());
        }
    }


    @Test
    void byDefaultTheServletGetsTheContainersOwnResponse() throws Exception {
        var servlets = Map.of("/plain", servlet((request, response) -> response.getWriter().print(
                (response instanceof HttpServletResponseWrapper) + " " + response.getClass().getName())));
        try (var server = TestServer.start(TestDatabases.settings(), Map.copyOf(servlets));
                var timing = TestServer.start(TestDatabases.settings("db.recordQueries", "true", "db.serverTiming",
                        "true"), Map.copyOf(servlets))) {
            assertTrue(server.get("/plain").body().startsWith("false "));
            assertEquals("true " + ServerTimingResponse.class.getName(), timing.get("/plain").body());
        }
    }
}

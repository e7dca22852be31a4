package io.dbfilter;

import static io.dbfilter.FilterTest.servlet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.model.User;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The edges of an asynchronous request: a timeout whose listener dispatches, the too-many-queries
 * warning, and an ERROR dispatch while the scope is kept. The scope ends once, when the request
 * completes.
 */
class AsyncEdgesTest {
    /** Starts async work that never completes, so the container times it out after 200 ms. */
    private static FilterTest.Handler timesOut(AsyncListener listener) {
        return (request, response) -> {
            if (request.getDispatcherType() != DispatcherType.REQUEST) {
                response.getWriter().print("after " + Db.session().createQuery("select count(u) from User u",
                        Long.class).getSingleResult() + " user(s), same scope: " + Db.session().contains(
                                request.getAttribute("user")));
                return;
            }
            var user = new User("kept");
            Db.session().persist(user);
            request.setAttribute("user", user);
            var async = request.startAsync();
            async.setTimeout(200);
            async.addListener(listener);
        };
    }

    private static void awaitNoSession(Database database) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (database.openSessions() != 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the async request's EntityManager stayed open");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void aListenerThatDispatchesOnTimeoutGetsTheRequestsOpenScope() throws Exception {
        var servlets = Map.of("/slow", servlet(timesOut(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) {
                event.getAsyncContext().dispatch();
            }

            @Override
            public void onComplete(AsyncEvent event) {
            }

            @Override
            public void onError(AsyncEvent event) {
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        })));
        try (var server = TestServer.start(TestDatabases.settings(), servlets)) {
            HttpResponse<String> answer = server.get("/slow");

            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals("after 1 user(s), same scope: true", answer.body());
            awaitNoSession(server.database());
        }
    }

    @Test
    void theQueryWarningOfATimedOutRequestIsLoggedOnce() throws Exception {
        var settings = TestDatabases.settings("db.recordQueries", "true", "db.warnQueries", "1");
        var servlets = Map.of("/slow", servlet((request, response) -> {
            Db.session().createQuery("select count(u) from User u").getSingleResult();
            Db.session().createQuery("select count(u) from User u").getSingleResult();
            request.startAsync().setTimeout(100);
        }));
        try (var server = TestServer.start(settings, servlets)) {
            String log = SchemaTest.captureOutput(() -> {
                try {
                    server.get("/slow");
                    awaitNoSession(server.database());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });

            assertEquals(1, log.lines().filter(line -> line.contains("GET /slow ran 2 SQL statements")).count(), log);
        }
    }

    @Test
    void anErrorDispatchGetsAFreshScopeAfterTheFailedRequestsWasRolledBack() throws Exception {
        var servlets = Map.of(
                "/fails", servlet((request, response) -> {
                    Db.session().persist(new User("never"));
                    Db.session().flush();
                    throw new IllegalStateException("failed after a flush");
                }),
                "/error", servlet((request, response) -> response.getWriter().print("error page: "
                        + request.getDispatcherType() + ", " + Db.session().createQuery("select count(u) from User u",
                                Long.class).getSingleResult() + " user(s)")));
        try (var server = TestServer.withErrorPage(TestDatabases.settings(), servlets, "/error")) {
            HttpResponse<String> answer = server.get("/fails");

            assertEquals(500, answer.statusCode());
            assertEquals("error page: ERROR, 0 user(s)", answer.body());
            assertEquals(0, server.database().openSessions());
        }
    }
}

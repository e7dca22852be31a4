package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.model.User;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class FilterTest {
    /** A servlet written as a lambda: the request, the response, what it does. */
    interface Handler {
        void handle(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException;
    }

    static HttpServlet servlet(Handler handler) {
        return new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response)
                    throws IOException, ServletException {
                handler.handle(request, response);
            }
        };
    }

    private static final Handler COUNT_USERS = (request, response) -> response.getWriter().print(
            Db.session().createQuery("select count(u) from User u", Long.class).getSingleResult());

    private static void await(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void requestThatNeverUsesTheSessionCreatesNoEntityManager() throws Exception {
        var servlets = Map.of("/plain", servlet((request, response) -> response.getWriter().print(
                Db.inScope() + " " + Db.current().hasSession())));
        try (var server = TestServer.start(TestDatabases.settings(), Map.copyOf(servlets))) {
            assertEquals("true false", server.get("/plain").body());
            assertEquals(0, server.database().openSessions());
        }
    }

    @Test
    void uncommittedWorkIsRolledBackAtTheEndOfTheRequest() throws Exception {
        var servlets = Map.of(
                "/add", servlet((request, response) -> Db.session().persist(new User(request.getParameter("name")))),
                "/count", servlet(COUNT_USERS));
        try (var server = TestServer.start(TestDatabases.settings(), Map.copyOf(servlets))) {
            assertEquals(200, server.post("/add?name=ann").statusCode());

            assertEquals("0", server.get("/count").body());
            assertEquals(0, server.database().openSessions());
        }
    }

    @Test
    void committedWorkIsVisibleToTheNextRequest() throws Exception {
        var servlets = Map.of(
                "/add", servlet((request, response) -> {
                    Db.session().persist(new User(request.getParameter("name")));
                    Db.commit();
                }),
                "/count", servlet(COUNT_USERS));
        try (var server = TestServer.start(TestDatabases.settings(), Map.copyOf(servlets))) {
            server.post("/add?name=ann");
            server.post("/add?name=bob");

            assertEquals("2", server.get("/count").body());
        }
    }

    @Test
    void afterAServletThrowsTheNextRequestOnTheSameThreadStartsClean() throws Exception {
        var threadOfFailure = new String[1];
        var servlets = Map.of(
                "/fail", servlet((request, response) -> {
                    threadOfFailure[0] = Thread.currentThread().getName();
                    Db.session().persist(new User("ghost"));
                    Db.session().flush();
                    throw new ServletException("boom");
                }),
                "/check", servlet((request, response) -> response.getWriter().print(
                        Thread.currentThread().getName() + "|" + Db.current().hasSession() + "|"
                                + Db.recordedQueries().size() + "|"
                                + Db.session().createQuery("select count(u) from User u", Long.class)
                                        .getSingleResult())));
        try (var server = TestServer.oneThread(TestDatabases.settings("db.recordQueries", "true"),
                Map.copyOf(servlets))) {
            assertEquals(500, server.get("/fail").statusCode());

            String[] after = server.get("/check").body().split("\\|");
            assertEquals(threadOfFailure[0], after[0], "the one-thread server used another thread");
            assertEquals("false", after[1], "the failed request's EntityManager was carried over");
            assertEquals("0", after[2], "the failed request's recorded statements were carried over");
            assertEquals("0", after[3], "the failed request's insert survived");
            assertEquals(0, server.database().openSessions());
        }
    }

    @Test
    void forwardAndIncludeJoinTheRequestsScope() throws Exception {
        var servlets = Map.of(
                "/outer", servlet((request, response) -> {
                    Db.session().persist(new User("ann"));
                    request.setAttribute("outer", System.identityHashCode(Db.session()));
                    request.getRequestDispatcher("/included").include(request, response);
                    response.getWriter().print("|after-include:" + System.identityHashCode(Db.session()));
                    request.getRequestDispatcher("/forwarded").forward(request, response);
                }),
                "/included", servlet((request, response) -> response.getWriter().print(
                        "included:" + (System.identityHashCode(Db.session()) == (int) request.getAttribute("outer")))),
                "/forwarded", servlet((request, response) -> {
                    boolean same = System.identityHashCode(Db.session()) == (int) request.getAttribute("outer");
                    Db.commit();
                    response.getWriter().print("forwarded:" + same);
                }),
                "/count", servlet(COUNT_USERS));
        try (var server = TestServer.start(TestDatabases.settings(), Map.copyOf(servlets))) {
            assertEquals("forwarded:true", server.get("/outer").body());
            assertEquals("1", server.get("/count").body());
            assertEquals(0, server.database().openSessions());
        }
    }

    @Test
    void includeKeepsTheOuterSessionOpen() throws Exception {
        var servlets = Map.of(
                "/outer", servlet((request, response) -> {
                    int before = System.identityHashCode(Db.session());
                    request.getRequestDispatcher("/included").include(request, response);
                    response.getWriter().print("|" + (before == System.identityHashCode(Db.session()))
                            + "|" + Db.session().isOpen());
                }),
                "/included", servlet((request, response) -> response.getWriter().print("included")));
        try (var server = TestServer.start(TestDatabases.settings(), Map.copyOf(servlets))) {
            assertEquals("included|true|true", server.get("/outer").body());
        }
    }

    @Test
    void asyncRequestKeepsItsScopeUntilCompleteAndOtherThreadsGetAClearError() throws Exception {
        var fromWorker = new String[1];
        var servlets = Map.of(
                "/async", servlet((request, response) -> {
                    Db.session().persist(new User("async"));
                    AsyncContext async = request.startAsync();
                    new Thread(() -> {
                        try {
                            Db.session();
                            fromWorker[0] = "no error";
                        } catch (IllegalStateException e) {
                            fromWorker[0] = e.getMessage();
                        }
                        try {
                            async.getResponse().getWriter().print("done");
                        } catch (IOException e) {
                            throw new RuntimeException(e);
                        }
                        async.complete();
                    }).start();
                }),
                "/count", servlet(COUNT_USERS));
        try (var server = TestServer.start(TestDatabases.settings(), Map.copyOf(servlets))) {
            assertEquals("done", server.get("/async").body());

            await(() -> server.database().openSessions() == 0, "the async request's EntityManager is closed");
            assertTrue(fromWorker[0].contains("no database scope is bound to thread"), fromWorker[0]);
            assertEquals("0", server.get("/count").body());
        }
    }

    @Test
    void workStartedWithAsyncContextStartOpensItsOwnScopeAndLeavesNothingOpen() throws Exception {
        var servlets = Map.of(
                "/async", servlet((request, response) -> {
                    Db.session().persist(new User("kept-uncommitted"));
                    Database database = Db.database();
                    AsyncContext async = request.startAsync();
                    async.start(() -> {
                        // The documented way: the container's thread gets a scope of its own.
                        try (Scope scope = database.open()) {
                            Db.session().persist(new User("from-async-start"));
                            Db.commit();
                            async.getResponse().getWriter().print("saved");
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        } finally {
                            async.complete();
                        }
                    });
                }),
                "/names", servlet((request, response) -> response.getWriter().print(Db.session()
                        .createQuery("select u.username from User u", String.class).getResultList())));
        try (var server = TestServer.start(TestDatabases.settings(), Map.copyOf(servlets))) {
            assertEquals("saved", server.get("/async").body());

            await(() -> server.database().openSessions() == 0, "both EntityManagers are closed");
            assertEquals("[from-async-start]", server.get("/names").body());
        }
    }

    @Test
    void asyncDispatchSeesTheKeptSession() throws Exception {
        var servlets = Map.of(
                "/async", servlet((request, response) -> {
                    if (request.getDispatcherType() == jakarta.servlet.DispatcherType.ASYNC) {
                        boolean same = System.identityHashCode(Db.session()) == (int) request.getAttribute("first");
                        Db.commit();
                        response.getWriter().print("same:" + same);
                        return;
                    }
                    Db.session().persist(new User("async"));
                    request.setAttribute("first", System.identityHashCode(Db.session()));
                    request.startAsync().dispatch();
                }),
                "/count", servlet(COUNT_USERS));
        try (var server = TestServer.start(TestDatabases.settings(), Map.copyOf(servlets))) {
            assertEquals("same:true", server.get("/async").body());

            await(() -> server.database().openSessions() == 0, "the async request's EntityManager is closed");
            assertEquals("1", server.get("/count").body());
        }
    }

    @Test
    void commitAfterTheResponseWasSentStillCommitsAndLogsAWarning() throws Exception {
        var servlets = Map.of(
                "/late", servlet((request, response) -> {
                    Db.session().persist(new User("late"));
                    response.getWriter().print("sent");
                    response.flushBuffer();
                    Db.commit();
                }),
                "/count", servlet(COUNT_USERS));
        try (var server = TestServer.start(TestDatabases.settings(), Map.copyOf(servlets))) {
            String output = SchemaTest.captureOutput(() -> {
                try {
                    assertEquals("sent", server.post("/late").body());
                } catch (IOException | InterruptedException e) {
                    throw new AssertionError(e);
                }
            });

            assertTrue(output.contains("Db.commit() runs after the response was sent to the client"), output);
            assertEquals("1", server.get("/count").body());
        }
    }
}

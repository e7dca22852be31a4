package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.model.User;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The 404 helpers and Db.paginate(query) behind a real Jetty 12, through DbFilter. */
class QueryHelpersHttpTest {
    private static TestServer server;
    private static long annId;

    interface Handler {
        void handle(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException;
    }

    private static Servlet servlet(Handler handler) {
        return new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response)
                    throws IOException, ServletException {
                handler.handle(request, response);
            }
        };
    }

    /** Prints a page of the users named user-NN: its numbers and the first and last names. */
    private static void printUsers(Pagination<User> page, HttpServletResponse response) throws IOException {
        response.getWriter().print("page=" + page.page() + " perPage=" + page.perPage() + " total=" + page.total()
                + " users=" + page.items().stream().map(User::getUsername).collect(Collectors.joining(",")));
    }

    private static final String USERS = "select u from User u where u.username like 'user-%' order by u.username";

    /** The page-links template of docs/queries.md, in plain Java. */
    private static String pageLinks(Pagination<?> page) {
        var html = new StringBuilder("<nav>");
        if (page.hasPrev()) {
            html.append("<a href=\"?page=").append(page.prevNum()).append("&amp;per_page=").append(page.perPage())
                    .append("\">Previous</a>");
        }
        for (Integer number : page.iterPages()) {
            if (number == null) {
                html.append("<span>&hellip;</span>");
            } else if (number == page.page()) {
                html.append("<strong>").append(number).append("</strong>");
            } else {
                html.append("<a href=\"?page=").append(number).append("&amp;per_page=").append(page.perPage())
                        .append("\">").append(number).append("</a>");
            }
        }
        if (page.hasNext()) {
            html.append("<a href=\"?page=").append(page.nextNum()).append("&amp;per_page=").append(page.perPage())
                    .append("\">Next</a>");
        }
        return html.append("</nav>").toString();
    }

    @BeforeAll
    static void start() throws Exception {
        Map<String, Servlet> servlets = Map.of(
                "/users/*", servlet((request, response) -> {
                    User user = Db.getOr404(User.class, request.getPathInfo().substring(1), "No user with that id.");
                    response.getWriter().print(user.getUsername());
                }),
                "/plain/*", servlet((request, response) -> response.getWriter().print(
                        Db.getOr404(User.class, request.getPathInfo().substring(1)).getUsername())),
                "/late", servlet((request, response) -> {
                    response.getWriter().print("partial");
                    response.flushBuffer();
                    throw new NotFoundException("Too late to say so.");
                }),
                "/forward", servlet((request, response) ->
                        request.getRequestDispatcher("/users/abc").forward(request, response)),
                "/async", servlet((request, response) -> request.startAsync().dispatch("/users/999999")),
                "/page", servlet((request, response) -> printUsers(
                        Db.paginate(Db.session().createQuery(USERS, User.class)), response)),
                "/links", servlet((request, response) -> response.getWriter().print(
                        pageLinks(Db.paginate(Db.session().createQuery(USERS, User.class))))),
                "/lenient", servlet((request, response) -> printUsers(Db.paginate(Db.session().createQuery(USERS,
                        User.class), PageRequest.fromRequest().errorOut(false).maxPerPage(10)), response)));
        server = TestServer.start(TestDatabases.settings(), servlets);
        try (var scope = server.database().open()) {
            var ann = new User("ann");
            Db.session().persist(ann);
            for (int i = 1; i <= 45; i++) {
                Db.session().persist(new User(String.format("user-%02d", i)));
            }
            Db.commit();
            annId = ann.getId();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void getOr404FindsTheIdFromThePath() throws Exception {
        var response = server.get("/users/" + annId);

        assertEquals(200, response.statusCode());
        assertEquals("ann", response.body());
    }

    @Test
    void missingIdAnswers404WithTheDescriptionOnTheErrorPage() throws Exception {
        var response = server.get("/users/999999");

        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("No user with that id."), response.body());
    }

    @Test
    void idOfTheWrongTypeAnswers404NotAServerError() throws Exception {
        for (String id : new String[] {"abc", "4.2", "99999999999999999999", "-"}) {
            var response = server.get("/users/" + id);

            assertEquals(404, response.statusCode(), id);
            assertTrue(response.body().contains("No user with that id."), response.body());
        }
    }

    @Test
    void withoutDescriptionTheContainersTextShows() throws Exception {
        var response = server.get("/plain/999999");

        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("Not Found"), response.body());
        assertFalse(response.body().contains("dbfilter"), response.body());
    }

    @Test
    void notFoundInAForwardedRequestIsAnsweredOnce() throws Exception {
        var response = server.get("/forward");

        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("No user with that id."), response.body());
    }

    @Test
    void notFoundInAnAsyncDispatchIsAnswered() throws Exception {
        var response = server.get("/async");

        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("No user with that id."), response.body());
    }

    @Test
    void notFoundAfterTheResponseIsCommittedIsLoggedInsteadOfFailing() throws Exception {
        PrintStream err = System.err;
        var buffer = new ByteArrayOutputStream();
        HttpResponse<String> response;
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            response = server.get("/late");
        } finally {
            System.setErr(err);
        }
        String log = buffer.toString(StandardCharsets.UTF_8);

        assertEquals(200, response.statusCode());
        assertEquals("partial", response.body());
        assertTrue(log.contains("WARN io.dbfilter.DbFilter - dbfilter: cannot answer 404 Not Found, the response is"
                + " already committed: Too late to say so."), log);
        assertEquals(1, log.lines().count(), log);
    }

    @Test
    void paginateReadsPageAndPerPageFromTheQueryString() throws Exception {
        assertEquals("page=2 perPage=5 total=45 users=user-06,user-07,user-08,user-09,user-10",
                server.get("/page?page=2&per_page=5").body());
    }

    @Test
    void paginateDefaultsToPageOneAndTwentyPerPage() throws Exception {
        String body = server.get("/page").body();

        assertTrue(body.startsWith("page=1 perPage=20 total=45 users=user-01,"), body);
        assertTrue(body.endsWith(",user-20"), body);
    }

    @Test
    void badPageParametersAnswer404() throws Exception {
        for (String query : new String[] {"page=abc", "page=0", "per_page=x", "per_page=-1", "page=99",
            "page=3&per_page=1.5"}) {
            assertEquals(404, server.get("/page?" + query).statusCode(), query);
        }
    }

    @Test
    void withoutErrorOutBadParametersFallBackAndMaxPerPageCaps() throws Exception {
        assertEquals("page=1 perPage=10 total=45 users=user-01,user-02,user-03,user-04,user-05,user-06,user-07,"
                + "user-08,user-09,user-10", server.get("/lenient?page=abc&per_page=1000").body());
        assertEquals("page=9 perPage=10 total=45 users=", server.get("/lenient?page=9").body());
    }

    @Test
    void pageLinksShowNeighboursEdgesAndGaps() throws Exception {
        assertEquals("<nav><a href=\"?page=1&amp;per_page=5\">Previous</a>"
                + "<a href=\"?page=1&amp;per_page=5\">1</a><strong>2</strong>"
                + "<a href=\"?page=3&amp;per_page=5\">3</a><a href=\"?page=4&amp;per_page=5\">4</a>"
                + "<a href=\"?page=5&amp;per_page=5\">5</a><a href=\"?page=6&amp;per_page=5\">6</a>"
                + "<span>&hellip;</span>"
                + "<a href=\"?page=8&amp;per_page=5\">8</a><a href=\"?page=9&amp;per_page=5\">9</a>"
                + "<a href=\"?page=3&amp;per_page=5\">Next</a></nav>", server.get("/links?page=2&per_page=5").body());
    }
}

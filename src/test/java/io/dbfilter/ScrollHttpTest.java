package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.keyset.Sample;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Db.scroll(query, size) behind a real Jetty 12 and DbFilter: the cursor comes from {@code ?cursor=}. */
class ScrollHttpTest {
    private static final int ROWS = 23;
    private static TestServer server;

    /** Prints the window's ids, then its next cursor on a line of its own (empty for none). */
    private static final class Samples extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Window<Sample> window = Db.scroll(
                    Db.session().createQuery("select s from Sample s order by s.released desc", Sample.class), 5);
            response.getWriter().print(window.items().stream().map(s -> s.getId().toString())
                    .collect(Collectors.joining(",")) + "\n" + (window.hasNext() ? window.next() : ""));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(TestDatabases.settings("db.packages", io.dbfilter.Samples.SETTING_PACKAGES),
                Map.<String, Servlet>of("/samples", new Samples()));
        try (Connection connection = server.database().dataSource().getConnection()) {
            io.dbfilter.Samples.fill(connection, ROWS);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void followingTheNextCursorsShowsEveryRowOnce() throws Exception {
        var ids = new ArrayList<String>();
        String path = "/samples";
        int requests = 0;
        while (path != null) {
            var response = server.get(path);
            assertEquals(200, response.statusCode(), response.body());
            String[] lines = response.body().split("\n", -1);
            ids.addAll(Arrays.asList(lines[0].split(",")));
            path = lines[1].isEmpty() ? null : "/samples?cursor=" + lines[1];
            requests++;
        }

        assertEquals(5, requests);
        assertEquals(ROWS, ids.stream().distinct().count());
        // Release dates grow with the id here, so the newest first is the highest id first.
        assertEquals(List.of("23", "22", "21"), ids.subList(0, 3));
    }

    @Test
    void aCursorThisListDidNotWriteAnswers400WithTheDescription() throws Exception {
        var response = server.get("/samples?cursor=AAAAAAAAAAAAAAAAAAAAAAAA");

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("The cursor is not valid for this list"), response.body());
    }
}

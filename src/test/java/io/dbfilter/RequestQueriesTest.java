package io.dbfilter;

import static io.dbfilter.FilterTest.servlet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.fetch.Author;
import io.dbfilter.fetch.Post;
import io.dbfilter.internal.config.Settings;
import io.dbfilter.model.User;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** Recorded queries, Server-Timing and the too-many-queries warning, seen through real requests. */
class RequestQueriesTest {
    private static final String COUNT = "select count(u) from User u";

    private static HttpResponse<String> capturing(Callable<HttpResponse<String>> request, StringBuilder output) {
        var response = new ArrayList<HttpResponse<String>>();
        output.append(SchemaTest.captureOutput(() -> {
            try {
                response.add(request.call());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }));
        return response.get(0);
    }

    /** Settings of a fresh database with Server-Timing on. */
    private static Map<String, String> timing() {
        return TestDatabases.settings("db.recordQueries", "true", "db.serverTiming", "true");
    }

    /** The Server-Timing value for the statements recorded so far in the current request. */
    private static String expectedTiming() {
        List<RecordedQuery> queries = Db.recordedQueries();
        long nanos = queries.stream().mapToLong(query -> query.duration().toNanos()).sum();
        return String.format(Locale.ROOT, "db;dur=%.3f;desc=\"%d %s\"", nanos / 1e6, queries.size(),
                queries.size() == 1 ? "query" : "queries");
    }

    private static List<Long> addUsers(Database database, int count) {
        var ids = new ArrayList<Long>();
        try (Scope scope = database.open()) {
            for (int i = 0; i < count; i++) {
                var user = new User("user-" + i);
                Db.session().persist(user);
                Db.commit();
                ids.add(user.getId());
            }
        }
        return ids;
    }

    @Test
    void eachRequestSeesOnlyItsOwnStatementsAndNoneOfCreateAll() throws Exception {
        var servlets = Map.of("/count", servlet((request, response) -> {
            Db.session().createQuery(COUNT).getSingleResult();
            response.getWriter().print(Db.recordedQueries().size() + ":" + Db.recordedQueries().get(0).statement());
        }));
        try (var server = TestServer.start(TestDatabases.settings("db.recordQueries", "true"), Map.copyOf(servlets))) {
            String first = server.get("/count").body();

            assertEquals("1:SELECT COUNT(id) FROM \"user\"", first);
            assertEquals(first, server.get("/count").body());
        }
    }

    @Test
    void serverTimingCarriesTheTotalAndCountOfTheRequestsStatements() throws Exception {
        var servlets = Map.of("/three", servlet((request, response) -> {
            for (int i = 0; i < 3; i++) {
                Db.session().createQuery(COUNT).getSingleResult();
            }
            response.getWriter().print(expectedTiming());
        }));
        try (var server = TestServer.start(timing(), Map.copyOf(servlets))) {
            HttpResponse<String> response = server.get("/three");

            assertTrue(response.body().endsWith(";desc=\"3 queries\""), response.body());
            assertEquals(response.body(), response.headers().firstValue("Server-Timing").orElse("none"));
        }
    }

    @Test
    void serverTimingReachesAStreamedResponseWithTheStatementsBeforeItWasCommitted() throws Exception {
        var servlets = Map.of("/stream", servlet((request, response) -> {
            Db.session().createQuery(COUNT).getSingleResult();
            String expected = expectedTiming();
            char[] chunk = new char[1024];
            java.util.Arrays.fill(chunk, 'x');
            for (int i = 0; i < 4 * response.getBufferSize() / chunk.length; i++) {
                response.getWriter().write(chunk);
            }
            if (!response.isCommitted()) {
                throw new AssertionError("the response was not streamed");
            }
            Db.session().createQuery(COUNT).getSingleResult();
            response.getWriter().print("|" + expected);
        }));
        try (var server = TestServer.start(timing(), Map.copyOf(servlets))) {
            HttpResponse<String> response = server.get("/stream");

            assertEquals(200, response.statusCode());
            String expected = response.body().substring(response.body().lastIndexOf('|') + 1);
            assertTrue(expected.endsWith("desc=\"1 query\""), expected);
            assertEquals(expected, response.headers().firstValue("Server-Timing").orElse("none"));
        }
    }

    @Test
    void serverTimingReachesAResponseFlushedByTheServlet() throws Exception {
        var servlets = Map.of("/flushed", servlet((request, response) -> {
            Db.session().createQuery(COUNT).getSingleResult();
            String expected = expectedTiming();
            response.getOutputStream().print(expected);
            response.getOutputStream().flush();
            Db.session().createQuery(COUNT).getSingleResult();
        }));
        try (var server = TestServer.start(timing(), Map.copyOf(servlets))) {
            HttpResponse<String> response = server.get("/flushed");

            assertEquals(response.body(), response.headers().firstValue("Server-Timing").orElse("none"));
        }
    }

    @Test
    void aLoopOfFiftyFindsLogsOneWarningNamingTheRequestTheStatementAndItsLine() throws Exception {
        var line = new int[1];
        var settings = TestDatabases.settings("db.recordQueries", "true", "db.warnQueries", "10");
        var ids = new ArrayList<Long>();
        var servlets = Map.of("/loop", servlet((request, response) -> {
            for (long id : ids) {
                line[0] = new Throwable().getStackTrace()[0].getLineNumber() + 1;
                Db.session().find(User.class, id);
            }
        }));
        try (var server = TestServer.start(settings, Map.copyOf(servlets))) {
            ids.addAll(addUsers(server.database(), 50));
            var output = new StringBuilder();

            assertEquals(200, capturing(() -> server.get("/loop?page=2"), output).statusCode());

            List<String> warnings = output.toString().lines().filter(text -> text.contains("WARN")).toList();
            assertEquals(1, warnings.size(), output.toString());
            String warning = warnings.get(0);
            assertTrue(warning.contains("dbfilter: GET /loop ran 50 SQL statements (db.warnQueries=10); the most"
                    + " repeated ran 50 times, a likely N+1 query"), warning);
            assertTrue(warning.contains("from io.dbfilter.RequestQueriesTest.lambda$"), warning);
            assertTrue(warning.contains("(RequestQueriesTest.java:" + line[0] + "): SELECT "), warning);
            assertTrue(warning.endsWith("FROM \"user\" WHERE (id = ?)"), warning);
            assertFalse(warning.contains("page=2"), "the query string can hold secrets: " + warning);
        }
    }

    @Test
    void aRelationLoadedEntityByEntityIsNamedWithTheSettingThatLoadsItInOneQuery() throws Exception {
        var settings = TestDatabases.settings("db.recordQueries", "true", "db.warnQueries", "10",
                "db.packages", "io.dbfilter.fetch", "db.batchFetch", "false");
        var servlets = Map.of("/authors", servlet((request, response) -> Db.session()
                .createQuery("select a from Author a order by a.name", Author.class).setMaxResults(20).getResultList()
                .forEach(author -> author.getPosts().size())));
        try (var server = TestServer.start(settings, Map.copyOf(servlets))) {
            addAuthors(server.database(), 20);
            var output = new StringBuilder();

            assertEquals(200, capturing(() -> server.get("/authors"), output).statusCode());

            String warning = output.toString().lines().filter(text -> text.contains("WARN")).findFirst().orElseThrow();
            assertTrue(warning.contains("ran 21 SQL statements (db.warnQueries=10); the most repeated ran 20 times,"
                    + " a likely N+1 query loading Author.posts entity by entity: db.batchFetch=true loads it for a"
                    + " whole result in one query (or, for one query, the hint eclipselink.batch.type=IN with"
                    + " eclipselink.batch=e.posts, or JOIN FETCH e.posts)"), warning);
        }
    }

    @Test
    void withBatchFetchingOnALoopOfFindsThatTouchesARelationIsNamedWithTheQueryThatGroupsThem() throws Exception {
        var settings = TestDatabases.settings("db.recordQueries", "true", "db.warnQueries", "10",
                "db.packages", "io.dbfilter.fetch");
        var ids = new ArrayList<Long>();
        var servlets = Map.of("/authors", servlet((request, response) -> ids
                .forEach(id -> Db.session().find(Author.class, id).getPosts().size())));
        try (var server = TestServer.start(settings, Map.copyOf(servlets))) {
            ids.addAll(addAuthors(server.database(), 20));
            var output = new StringBuilder();

            assertEquals(200, capturing(() -> server.get("/authors"), output).statusCode());

            String warning = output.toString().lines().filter(text -> text.contains("WARN")).findFirst().orElseThrow();
            assertTrue(warning.contains("ran 40 SQL statements (db.warnQueries=10); the most repeated ran 20 times, a"
                    + " likely N+1 query loading Author.posts entity by entity: db.batchFetch could not group its"
                    + " entities, which were read one at a time (find in a loop); read them in one query"
                    + " (where e.id in :ids), and their posts load with them in one more"), warning);
        }
    }

    private static List<Long> addAuthors(Database database, int count) {
        var ids = new ArrayList<Long>();
        try (Scope scope = database.open()) {
            for (int i = 0; i < count; i++) {
                var author = new Author("author-" + i);
                Db.session().persist(author);
                Db.session().persist(new Post("first", author));
                ids.add(author.getId());
            }
            Db.commit();
        }
        return ids;
    }

    @Test
    void aRequestWithinTheLimitLogsNothing() throws Exception {
        var settings = TestDatabases.settings("db.recordQueries", "true", "db.warnQueries", "10");
        var ids = new ArrayList<Long>();
        var servlets = Map.of("/few", servlet((request, response) -> {
            for (long id : ids) {
                Db.session().find(User.class, id);
            }
        }));
        try (var server = TestServer.start(settings, Map.copyOf(servlets))) {
            ids.addAll(addUsers(server.database(), 5));
            var output = new StringBuilder();

            assertEquals(200, capturing(() -> server.get("/few"), output).statusCode());

            assertFalse(output.toString().contains("WARN"), output.toString());
        }
    }

    @Test
    void manyDifferentStatementsWarnWithoutCallingThemAnNPlusOne() throws Exception {
        var settings = TestDatabases.settings("db.recordQueries", "true", "db.warnQueries", "4");
        var servlets = Map.of("/varied", servlet((request, response) -> {
            for (String query : List.of("select u from User u", "select count(u) from User u", "select p from BlogPost p",
                    "select count(p) from BlogPost p", "select t from Tag t")) {
                Db.session().createQuery(query).getResultList();
            }
        }));
        try (var server = TestServer.start(settings, Map.copyOf(servlets))) {
            var output = new StringBuilder();

            capturing(() -> server.get("/varied"), output);

            assertTrue(output.toString().contains("dbfilter: GET /varied ran 5 SQL statements (db.warnQueries=4);"
                    + " the most repeated ran 1 time, first from"), output.toString());
            assertFalse(output.toString().contains("N+1"), output.toString());
        }
    }
}

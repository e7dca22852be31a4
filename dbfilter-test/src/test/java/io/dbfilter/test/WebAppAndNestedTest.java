package io.dbfilter.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.dbfilter.Database;
import io.dbfilter.Db;
import io.dbfilter.Scope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The application deployed from its web.xml, with the class's Database in place of the one its
 * DbBootstrapListener would build; a {@code @Nested} class shares both.
 */
@DbTest(webApp = "classpath:webapp")
class WebAppAndNestedTest {
    private static Database outer;

    @BeforeAll
    static void keepTheClassesDatabase(Database db) {
        outer = db;
    }

    @Test
    void theApplicationServesFromItsWebXmlOnTheTestsDatabase(TestServer server) throws Exception {
        assertEquals(302, server.post("/notes", Map.of("title", "from web.xml")).statusCode());

        assertEquals("from web.xml\n", server.get("/notes").body());
    }

    @Test
    void eachTestStartsFromTheSameEmptyTables(TestServer server) throws Exception {
        assertEquals("", server.get("/notes").body());
    }

    @Nested
    class Inner {
        @Test
        void sharesTheEnclosingClassesDatabaseAndStartsEmpty(Database db, TestServer server) throws Exception {
            assertEquals("", server.get("/notes").body());
            assertEquals(302, server.post("/notes", Map.of("title", "nested")).statusCode());
            assertEquals("nested\n", server.get("/notes").body());
            assertSame(outer, db);
        }
    }

    @Test
    void whatARequestCommittedIsSeenByTheTestsOwnScope(Database db, TestServer server) throws Exception {
        server.post("/notes", Map.of("title", "shared"));

        try (Scope scope = db.open()) {
            assertEquals(List.of("shared"), Db.session().createQuery("select n.title from Note n", String.class)
                    .getResultList());
        }
    }
}

package io.dbfilter.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dbfilter.Database;
import io.dbfilter.Db;
import io.dbfilter.RecordedQuery;
import io.dbfilter.Scope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An application with a read replica: during a test every read goes to the primary, where the
 * test's transaction holds its rows. The "replica" here is an empty database with no tables at
 * all, so a read that went there would fail.
 */
@DbTest(webApp = "classpath:webapp")
@DbSettings({"db.replica.url=jdbc:derby:memory:dbfilter-test-empty-replica;create=true", "db.recordQueries=true"})
class WithAReplicaTest {

    @Test
    void readsRunOnThePrimaryWhereTheTestsRowsAre(Database db, TestServer server) throws Exception {
        assertEquals(302, server.post("/notes", Map.of("title", "written")).statusCode());
        assertEquals("written\n", server.get("/notes").body());

        try (Scope scope = db.open()) {
            assertEquals(List.of("written"), Db.session().createQuery("select n.title from Note n", String.class)
                    .getResultList());
            assertEquals(List.of("primary"), Db.recordedQueries().stream().map(RecordedQuery::server).toList());
        }
    }
}

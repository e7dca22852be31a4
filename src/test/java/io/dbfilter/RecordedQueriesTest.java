package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.model.User;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RecordedQueriesTest {
    private static Database db;

    @BeforeAll
    static void start() {
        db = TestDatabases.create("db.recordQueries", "true");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    /** The line this is called from, so that a test can name the line of its own statement. */
    private static int here() {
        return StackWalker.getInstance().walk(frames -> frames.skip(1).findFirst().orElseThrow()).getLineNumber();
    }

    /** The recorded statements without EclipseLink's id allocation, which depends on what ran before. */
    private static List<RecordedQuery> withoutSequence() {
        return Db.recordedQueries().stream().filter(query -> !query.statement().contains("SEQUENCE")).toList();
    }

    @Test
    void insertSelectAndUpdateAreRecordedWithTheirTextAndParameters() {
        try (Scope scope = db.open()) {
            var user = new User("rq-ann");
            Db.session().persist(user);
            Db.session().flush();
            Db.session().createQuery("select u from User u where u.username = :name", User.class)
                    .setParameter("name", "rq-ann").getResultList();
            user.setEmail("ann@example.org");
            Db.commit();

            List<RecordedQuery> queries = withoutSequence();

            assertEquals(3, queries.size(), queries.toString());
            assertEquals("INSERT INTO \"user\" (id, created_at, email, username) VALUES (?, ?, ?, ?)",
                    queries.get(0).statement());
            assertEquals(Arrays.asList(user.getId(), user.getCreatedAt(), null, "rq-ann"), queries.get(0).parameters());
            assertEquals("SELECT id, created_at, email, username FROM \"user\" WHERE (username = ?)",
                    queries.get(1).statement());
            assertEquals(List.of("rq-ann"), queries.get(1).parameters());
            assertEquals("UPDATE \"user\" SET email = ? WHERE (id = ?)", queries.get(2).statement());
            assertEquals(List.of("ann@example.org", user.getId()), queries.get(2).parameters());
        }
    }

    @Test
    void locationIsTheApplicationLineThatRanTheStatement() {
        try (Scope scope = db.open()) {
            int line = here(); Db.session().createQuery("select count(u) from User u").getSingleResult();

            StackTraceElement location = Db.recordedQueries().get(0).location();

            assertEquals(RecordedQueriesTest.class.getName(), location.getClassName());
            assertEquals("locationIsTheApplicationLineThatRanTheStatement", location.getMethodName());
            assertEquals(line, location.getLineNumber());
        }
    }

    @Test
    void locationSkipsDbfiltersOwnHelpers() {
        try (Scope scope = db.open()) {
            int line = here(); assertThrows(NotFoundException.class, () -> Db.getOr404(User.class, 424242L));

            StackTraceElement location = Db.recordedQueries().get(0).location();

            assertEquals(RecordedQueriesTest.class.getName(), location.getClassName());
            assertEquals(line, location.getLineNumber());
        }
    }

    @Test
    void timesFollowTheOrderOfTheStatementsAndDurationIsEndMinusStart() {
        try (Scope scope = db.open()) {
            for (int i = 0; i < 3; i++) {
                Db.session().createQuery("select count(u) from User u").getSingleResult();
            }

            List<RecordedQuery> queries = Db.recordedQueries();

            assertEquals(3, queries.size());
            for (int i = 0; i < queries.size(); i++) {
                RecordedQuery query = queries.get(i);
                assertFalse(query.duration().isNegative());
                assertEquals(query.endTime(), query.startTime().plus(query.duration()));
                assertEquals(query.duration(), Duration.between(query.startTime(), query.endTime()));
                if (i > 0) {
                    assertFalse(query.startTime().isBefore(queries.get(i - 1).startTime()), queries.toString());
                }
            }
        }
    }

    @Test
    void aStatementThatFailsIsRecordedToo() {
        try (Scope scope = db.open()) {
            Db.session().persist(new User("rq-twice"));
            Db.commit();
            Db.session().persist(new User("rq-twice"));
            assertThrows(PersistenceException.class, () -> Db.session().flush());

            List<RecordedQuery> inserts = withoutSequence().stream()
                    .filter(query -> query.statement().startsWith("INSERT")).toList();

            assertEquals(2, inserts.size(), inserts.toString());
            assertEquals("rq-twice", inserts.get(1).parameters().get(3));
        }
    }

    @Test
    void aScopeStartsWithAnEmptyListAndAJoinedScopeSharesItsList() {
        try (Scope outer = db.open()) {
            assertEquals(List.of(), Db.recordedQueries());
            try (Scope inner = db.open()) {
                Db.session().createQuery("select count(u) from User u").getSingleResult();
            }

            assertEquals(1, Db.recordedQueries().size());
        }
        try (Scope next = db.open()) {
            assertEquals(List.of(), Db.recordedQueries());
        }
    }

    @Test
    void createAllInsideAScopeRecordsNothing() {
        try (Scope scope = db.open()) {
            db.createAll();

            assertEquals(List.of(), Db.recordedQueries());
            assertTrue(Db.inScope(), "createAll left the scope unbound");
        }
    }

    @Test
    void recordedQueriesWithoutAScopeSaysHowToBindOne() {
        var error = assertThrows(IllegalStateException.class, Db::recordedQueries);

        assertTrue(error.getMessage().contains("no database scope is bound"), error.getMessage());
    }

    @Test
    void withRecordingOffTheListIsEmpty() {
        try (Database off = TestDatabases.create(); Scope scope = off.open()) {
            Db.session().createQuery("select count(u) from User u").getSingleResult();

            assertNotNull(Db.recordedQueries());
            assertEquals(List.of(), Db.recordedQueries());
        }
    }
}

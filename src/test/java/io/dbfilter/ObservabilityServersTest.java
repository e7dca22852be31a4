package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.model.User;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Recorded statements and commit events on Derby, PostgreSQL and MariaDB, whose drivers and SQL differ. */
class ObservabilityServersTest {
    @ParameterizedTest
    @EnumSource(TestServers.Kind.class)
    void statementsAndChangesAreRecordedOnEveryDatabase(TestServers.Kind kind) throws Exception {
        try (var schema = TestServers.create(kind); Database db = Database.create(schema.settings("io.dbfilter.model",
                "db.recordQueries", "true", "db.trackModifications", "true"))) {
            db.createAll();
            var committed = new ArrayList<String>();
            db.onAfterCommit(changes -> changes.forEach(change -> committed.add(change.operation() + ":"
                    + ((User) change.entity()).getUsername())));
            try (var scope = db.open()) {
                var user = new User("srv-ann");
                Db.session().persist(user);
                Db.commit();
                Db.session().createQuery("select u from User u where u.username = :name", User.class)
                        .setParameter("name", "srv-ann").getResultList();
                user.setEmail("ann@example.org");
                Db.commit();

                List<RecordedQuery> queries = Db.recordedQueries().stream()
                        .filter(query -> !query.statement().contains("SEQ")).toList();
                assertEquals(3, queries.size(), queries.toString());
                assertTrue(queries.get(0).statement().startsWith("INSERT INTO "), queries.get(0).statement());
                assertTrue(queries.get(0).parameters().contains("srv-ann"), queries.get(0).toString());
                assertTrue(queries.get(0).parameters().contains(null), queries.get(0).toString());
                assertEquals(List.of("srv-ann"), queries.get(1).parameters());
                assertEquals(List.of("ann@example.org", user.getId()), queries.get(2).parameters());
                assertEquals(ObservabilityServersTest.class.getName(), queries.get(2).location().getClassName());
            }

            assertEquals(List.of("INSERT:srv-ann", "UPDATE:srv-ann"), committed);
        }
    }
}

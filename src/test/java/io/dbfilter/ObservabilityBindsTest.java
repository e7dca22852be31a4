package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.binds.Customer;
import io.dbfilter.binds.Visit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Recorded queries and commit events see every bind of a scope, not only the default one. */
class ObservabilityBindsTest {

    @Test
    void statementsOfEveryBindAreRecordedInTheScopesOneList() {
        try (Database db = Database.create(BindsTest.settings("db.recordQueries", "true"))) {
            db.createAll();
            try (var scope = db.open()) {
                Db.session().persist(new Customer("ann"));
                Db.session("analytics").persist(new Visit("/home"));
                Db.commit();

                List<String> inserts = Db.recordedQueries().stream().map(RecordedQuery::statement)
                        .filter(sql -> sql.startsWith("INSERT")).toList();

                assertEquals(2, inserts.size(), inserts.toString());
                assertTrue(inserts.get(0).contains("customer"), inserts.toString());
                assertTrue(inserts.get(1).contains("visit"), inserts.toString());
            }
        }
    }

    @Test
    void commitListenersGetTheChangesOfEveryBindAndRollbackOfAnyBindFiresNothing() {
        try (Database db = Database.create(BindsTest.settings("db.trackModifications", "true"))) {
            db.createAll();
            var before = new ArrayList<List<Change>>();
            var after = new ArrayList<List<Change>>();
            db.onBeforeCommit(before::add);
            db.onAfterCommit(after::add);
            try (var scope = db.open()) {
                var ann = new Customer("ann");
                var home = new Visit("/home");
                Db.session().persist(ann);
                Db.session("analytics").persist(home);
                Db.commit();

                assertEquals(List.of(List.of(new Change(ann, Change.Operation.INSERT),
                        new Change(home, Change.Operation.INSERT))), after);
                assertEquals(after, before);

                Db.session("analytics").persist(new Visit("/away"));
                Db.rollback();
                Db.commit();

                assertEquals(1, after.size(), after.toString());
            }
        }
    }
}

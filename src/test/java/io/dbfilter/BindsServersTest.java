package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.binds.Customer;
import io.dbfilter.binds.Visit;
import io.dbfilter.binds.analytics.Event;
import jakarta.persistence.RollbackException;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Embedded Derby as the default bind and a database server as the bind "analytics", in one application. */
class BindsServersTest {
    private static Map<String, String> settings(TestServers.Schema schema) {
        return BindsTest.settings("db.bind.analytics.url", schema.url(), "db.bind.analytics.user", schema.user(),
                "db.bind.analytics.password", schema.password());
    }

    @ParameterizedTest
    @EnumSource(value = TestServers.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void derbyAndAServerWorkSideBySide(TestServers.Kind kind) throws SQLException {
        try (var schema = TestServers.create(kind); Database db = Database.create(settings(schema))) {
            db.createAll();
            try (Scope scope = db.open()) {
                Db.session().persist(new Customer("ann"));
                Db.sessionFor(Visit.class).persist(new Visit("/home"));
                for (int i = 0; i < 12; i++) {
                    Db.sessionFor(Event.class).persist(new Event("e" + i));
                }
                Db.commit();
            }
            try (Scope scope = db.open()) {
                var events = Db.sessionFor(Event.class).createQuery("select e from Event e order by e.id", Event.class);
                assertEquals(12L, Db.paginate(events, 1, 5).total());
                assertEquals("/home", Db.getOr404(Visit.class, "1").getPath());
                assertEquals("ann", Db.getOr404(Customer.class, "1").getName());
            }
            assertEquals(1, BindsTest.rows(db.dataSource(), "customer"));
            assertEquals(12, BindsTest.rows(db.dataSource("analytics"), "event"));
            assertEquals(0, db.openSessions());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestServers.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aCommitThatTheServerRefusesAfterDerbyCommittedSaysSo(TestServers.Kind kind) throws SQLException {
        try (var schema = TestServers.create(kind); Database db = Database.create(settings(schema))) {
            db.createAll();
            try (Scope scope = db.open()) {
                Db.session("analytics").persist(new Event("signup"));
                Db.commit();
                Db.session().persist(new Customer("ann"));
                Db.session("analytics").persist(new Event("signup"));

                var error = assertThrows(RollbackException.class, Db::commit);

                assertTrue(error.getMessage().startsWith("dbfilter: Db.commit() failed on bind 'analytics' after"
                        + " committing the default bind."), error.getMessage());
                assertTrue(Db.isUniqueViolation(error));
            }
            assertEquals(1, BindsTest.rows(db.dataSource(), "customer"));
            assertEquals(1, BindsTest.rows(db.dataSource("analytics"), "event"));
        }
    }
}

package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.dbfilter.binds.Customer;
import io.dbfilter.binds.Visit;
import io.dbfilter.binds.analytics.Event;
import jakarta.persistence.RollbackException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two embedded Derby databases in one application: the default bind and the bind "analytics". */
class BindsTest {
    private static Database db;

    /**
     * The default bind scans io.dbfilter.binds (Customer, and Visit, which is annotated
     * {@code @Bind("analytics")}); the bind "analytics" lists the package of Event.
     */
    static Map<String, String> settings(String... extra) {
        var settings = new HashMap<String, String>();
        settings.put("db.url", TestDatabases.memoryUrl());
        settings.put("db.packages", "io.dbfilter.binds");
        settings.put("db.binds", "analytics");
        settings.put("db.bind.analytics.url", TestDatabases.memoryUrl());
        settings.put("db.bind.analytics.packages", "io.dbfilter.binds.analytics");
        for (int i = 0; i < extra.length; i += 2) {
            settings.put(extra[i], extra[i + 1]);
        }
        return settings;
    }

    @BeforeAll
    static void start() {
        db = Database.create(settings());
        db.createAll();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @AfterEach
    void noScopeOrSessionIsLeftBehind() {
        assertFalse(Db.inScope(), "a test left a scope bound");
        assertEquals(0, db.openSessions(), "a test left an EntityManager open");
        try (Scope scope = db.open()) {
            Db.session().createQuery("delete from Customer").executeUpdate();
            Db.session("analytics").createQuery("delete from Visit").executeUpdate();
            Db.session("analytics").createQuery("delete from Event").executeUpdate();
            Db.commit();
        }
    }

    static long rows(DataSource dataSource, String table) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                var result = connection.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            result.next();
            return result.getLong(1);
        }
    }

    static boolean hasTable(DataSource dataSource, String table) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                var tables = connection.getMetaData().getTables(null, null, table.toUpperCase(), null)) {
            return tables.next();
        }
    }

    private static List<String> entities(String bind) {
        return db.entityManagerFactory(bind).getMetamodel().getEntities().stream().map(type -> type.getName())
                .sorted().toList();
    }

    @Test
    void eachEntityBelongsToTheBindThatClaimsItAndTheRestToTheDefaultBind() {
        assertEquals(List.of("Customer"), entities(null));
        assertEquals(List.of("Event", "Visit"), entities("analytics"));
        assertEquals(List.of("analytics"), db.binds());
    }

    @Test
    void eachBindsTablesAreCreatedInItsOwnDatabase() throws SQLException {
        assertTrue(hasTable(db.dataSource(), "customer"));
        assertFalse(hasTable(db.dataSource(), "visit"));
        assertTrue(hasTable(db.dataSource("analytics"), "visit"));
        assertTrue(hasTable(db.dataSource("analytics"), "event"));
        assertFalse(hasTable(db.dataSource("analytics"), "customer"));
    }

    @Test
    void sessionOfABindStoresInThatBindsDatabase() throws SQLException {
        try (Scope scope = db.open()) {
            Db.session().persist(new Customer("ann"));
            Db.session("analytics").persist(new Visit("/home"));
            Db.commit();
        }

        assertEquals(1, rows(db.dataSource(), "customer"));
        assertEquals(1, rows(db.dataSource("analytics"), "visit"));
    }

    @Test
    void sessionForRoutesByEntityType() {
        try (Scope scope = db.open()) {
            assertSame(Db.session("analytics"), Db.sessionFor(Visit.class));
            assertSame(Db.session("analytics"), Db.sessionFor(Event.class));
            assertSame(Db.session(), Db.sessionFor(Customer.class));
            assertNotSame(Db.session(), Db.session("analytics"));
            assertSame(Db.session(), Db.session(null));
        }
    }

    @Test
    void getOr404FindsAnEntityInItsBind() {
        Object id;
        try (Scope scope = db.open()) {
            var visit = new Visit("/home");
            Db.sessionFor(Visit.class).persist(visit);
            Db.commit();
            id = visit.getId();
        }
        try (Scope scope = db.open()) {
            assertEquals("/home", Db.getOr404(Visit.class, id.toString()).getPath());
            assertThrows(NotFoundException.class, () -> Db.getOr404(Customer.class, id));
        }
    }

    @Test
    void paginateCountsOnTheBindOfItsQuery() {
        try (Scope scope = db.open()) {
            for (int i = 0; i < 25; i++) {
                Db.sessionFor(Event.class).persist(new Event("e" + i));
            }
            Db.commit();

            var query = Db.sessionFor(Event.class).createQuery("select e from Event e order by e.name", Event.class);
            Pagination<Event> first = Db.paginate(query, 1, 10);
            Pagination<Event> last = Db.paginate(query, 3, 10);

            assertEquals(25L, first.total());
            assertEquals(10, first.items().size());
            assertEquals(5, last.items().size());
            assertEquals(3, first.pages());
        }
    }

    @Test
    void firstOr404RunsOnTheBindOfItsQuery() {
        try (Scope scope = db.open()) {
            Db.session("analytics").persist(new Event("signup"));
            Db.commit();

            var query = Db.session("analytics").createQuery("select e from Event e", Event.class);

            assertEquals("signup", Db.firstOr404(query).getName());
        }
    }

    @Test
    void eachBindsSessionIsCreatedOnFirstUseAndAllAreClosedWithTheScope() {
        try (Scope scope = db.open()) {
            Db.session("analytics");
            assertTrue(scope.hasSession(1));
            assertFalse(scope.hasSession());
            assertEquals(1, db.openSessions());

            Db.session();
            assertEquals(2, db.openSessions());
        }
        assertEquals(0, db.openSessions());
    }

    @Test
    void aNestedScopeJoinsEveryBindsSession() {
        try (Scope outer = db.open()) {
            var analytics = Db.session("analytics");
            try (Scope inner = db.open()) {
                assertSame(analytics, Db.session("analytics"));
            }
            assertTrue(analytics.isOpen(), "closing the inner scope closed the outer scope's bind session");
        }
    }

    @Test
    void commitCommitsEveryBind() throws SQLException {
        try (Scope scope = db.open()) {
            Db.session().persist(new Customer("ann"));
            Db.session("analytics").persist(new Event("signup"));
            Db.commit();
            Db.session().persist(new Customer("bob"));
            Db.commit();
        }

        assertEquals(2, rows(db.dataSource(), "customer"));
        assertEquals(1, rows(db.dataSource("analytics"), "event"));
    }

    @Test
    void rollbackRollsBackEveryBindAndTheSessionsGoOn() throws SQLException {
        try (Scope scope = db.open()) {
            Db.session().persist(new Customer("ann"));
            Db.session("analytics").persist(new Event("signup"));
            Db.session("analytics").flush();
            Db.rollback();
            Db.session("analytics").persist(new Event("login"));
            Db.commit();
        }

        assertEquals(0, rows(db.dataSource(), "customer"));
        assertEquals(1, rows(db.dataSource("analytics"), "event"));
    }

    @Test
    void uncommittedWorkOfEveryBindIsRolledBackWhenTheScopeCloses() throws SQLException {
        try (Scope scope = db.open()) {
            Db.session().persist(new Customer("ann"));
            Db.session().flush();
            Db.session("analytics").persist(new Event("signup"));
            Db.session("analytics").flush();
        }

        assertEquals(0, rows(db.dataSource(), "customer"));
        assertEquals(0, rows(db.dataSource("analytics"), "event"));
    }

    @Test
    void aBindThatFailsToEndDoesNotKeepTheOtherBindsOpen() throws SQLException {
        Scope scope = db.open();
        Db.session().close();
        Db.session("analytics").persist(new Event("signup"));
        Db.session("analytics").flush();

        assertThrows(IllegalStateException.class, scope::close);

        assertFalse(Db.inScope());
        assertEquals(0, db.openSessions());
        assertEquals(0, rows(db.dataSource("analytics"), "event"));
    }

    @Test
    void failedCommitOfALaterBindSaysWhatWasCommittedAndTheSessionsGoOn() throws SQLException {
        try (Scope scope = db.open()) {
            Db.session("analytics").persist(new Event("signup"));
            Db.commit();

            Db.session().persist(new Customer("ann"));
            Db.session("analytics").persist(new Event("signup"));
            var error = assertThrows(RollbackException.class, Db::commit);

            assertEquals("dbfilter: Db.commit() failed on bind 'analytics' after committing the default bind. Binds"
                    + " are separate databases and Db.commit() is not a distributed transaction: the committed work"
                    + " stays, so the databases now disagree until the application repairs them. The cause is"
                    + " attached.", error.getMessage());
            assertTrue(Db.isUniqueViolation(error));
            Db.session("analytics").persist(new Event("login"));
            Db.commit();
        }

        assertEquals(1, rows(db.dataSource(), "customer"));
        assertEquals(2, rows(db.dataSource("analytics"), "event"));
    }

    @Test
    void failedCommitOfTheFirstBindRollsBackTheLaterOnes() throws SQLException {
        try (Scope scope = db.open()) {
            Db.session().persist(new Customer("ann"));
            Db.commit();

            Db.session().persist(new Customer("ann"));
            Db.session("analytics").persist(new Event("signup"));
            var error = assertThrows(RollbackException.class, Db::commit);

            assertTrue(error.getMessage().startsWith("dbfilter: Db.commit() failed on the default bind after"
                    + " committing nothing; rolled back instead: bind 'analytics'."), error.getMessage());
            assertTrue(error.getMessage().contains("no bind's work was committed."), error.getMessage());
        }

        assertEquals(1, rows(db.dataSource(), "customer"));
        assertEquals(0, rows(db.dataSource("analytics"), "event"));
    }

    @Test
    void createAllAndDropAllCanActOnOneBind() throws SQLException {
        try (Database fresh = Database.create(settings())) {
            fresh.createAll("analytics");
            assertTrue(hasTable(fresh.dataSource("analytics"), "visit"));
            assertFalse(hasTable(fresh.dataSource(), "customer"));

            fresh.createAll(null);
            assertTrue(hasTable(fresh.dataSource(), "customer"));

            fresh.dropAll("analytics");
            assertFalse(hasTable(fresh.dataSource("analytics"), "visit"));
            assertTrue(hasTable(fresh.dataSource(), "customer"));
        }
    }

    @Test
    void closeClosesEveryBindsPool() throws SQLException {
        Database fresh = Database.create(settings());
        fresh.close();

        assertTrue(fresh.dataSource().unwrap(HikariDataSource.class).isClosed());
        assertTrue(fresh.dataSource("analytics").unwrap(HikariDataSource.class).isClosed());
    }

    @Test
    void unknownBindNameListsTheBinds() {
        try (Scope scope = db.open()) {
            var error = assertThrows(IllegalArgumentException.class, () -> Db.session("analytic"));

            assertEquals("dbfilter: " + db.name() + " has no bind named 'analytic'; its binds are analytics"
                    + " (db.binds). Did you mean analytics? Name a bind listed in db.binds; null, or Db.session()"
                    + " without a name, is the default bind.", error.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> db.createAll("analytic"));
    }

    @Test
    void bindNameWithoutBindsSaysThereAreNone() {
        try (Database plain = TestDatabases.create(); Scope scope = plain.open()) {
            var error = assertThrows(IllegalArgumentException.class, () -> Db.session("analytics"));

            assertTrue(error.getMessage().contains("has no bind named 'analytics'; it has no binds at all (db.binds is"
                    + " not set)."), error.getMessage());
        }
    }

    @Test
    void sessionForAClassThatIsNoEntityNamesIt() {
        try (Scope scope = db.open()) {
            var error = assertThrows(IllegalArgumentException.class, () -> Db.sessionFor(String.class));

            assertTrue(error.getMessage().startsWith("dbfilter: java.lang.String is not an entity of " + db.name()),
                    error.getMessage());
            assertFalse(scope.hasSession(), "a failed lookup created an EntityManager");
        }
    }

    @Test
    void aBindCanGetItsEntitiesFromTheAnnotationAlone() {
        try (Database annotated = Database.create(settings("db.bind.analytics.packages", ""))) {
            assertEquals(List.of("Visit"), annotated.entityManagerFactory("analytics").getMetamodel().getEntities()
                    .stream().map(type -> type.getName()).toList());
            assertEquals(List.of("Customer", "Event"), annotated.entityManagerFactory().getMetamodel().getEntities()
                    .stream().map(type -> type.getName()).sorted().toList());
        }
    }

    @Test
    void aQueryOfOneBindCannotNameAnotherBindsEntity() {
        try (Scope scope = db.open()) {
            assertThrows(IllegalArgumentException.class, () -> Db.session().createQuery("select v from Visit v"));
        }
    }
}

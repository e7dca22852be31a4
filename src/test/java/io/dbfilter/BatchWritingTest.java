package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.fetch.Counter;
import io.dbfilter.fetch.Entry;
import jakarta.persistence.OptimisticLockException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code db.batchWriting} and {@code db.insertReturning} on Derby, PostgreSQL and MariaDB: inserts with
 * preallocated ids reach the driver as JDBC batches and still come out with their rows, their ids in
 * persist order, a duplicate key that {@link Db#isUniqueViolation} recognises and nothing of the failed
 * batch kept; a {@code @Version} still catches a lost update; IDENTITY ids come back with their rows.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestServers.Kind.class)
class BatchWritingTest {
    private static final int ROWS = 100;
    private static TestServers.Schema schema;
    private static Database db;

    @Parameter
    TestServers.Kind kind;

    /** Counts what reaches the driver: statements added to a batch, and batches sent. */
    public static final class Counting implements UnaryOperator<DataSource> {
        static final AtomicInteger ADDED = new AtomicInteger();
        static final AtomicInteger BATCHES = new AtomicInteger();

        @Override
        public DataSource apply(DataSource pool) {
            return Wrapping.connections(pool, Counting::statements);
        }

        private static Connection statements(Connection connection) {
            return (Connection) Proxy.newProxyInstance(Counting.class.getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        Object result = invoke(connection, method, args);
                        return result instanceof PreparedStatement statement ? counted(statement) : result;
                    });
        }

        private static PreparedStatement counted(PreparedStatement statement) {
            return (PreparedStatement) Proxy.newProxyInstance(Counting.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                        if (method.getName().equals("addBatch")) {
                            ADDED.incrementAndGet();
                        } else if (method.getName().equals("executeBatch")) {
                            BATCHES.incrementAndGet();
                        }
                        return invoke(statement, method, args);
                    });
        }

        private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    @BeforeParameterizedClassInvocation
    static void start(TestServers.Kind kind) {
        schema = TestServers.create(kind);
        db = Database.create(schema.settings("io.dbfilter.fetch", "db.recordQueries", "true",
                "db.dataSourceWrapper", Counting.class.getName()));
        db.createAll();
    }

    @AfterParameterizedClassInvocation
    static void stop() throws SQLException {
        try (var dropped = schema; var closed = db) {
            db = null;
            schema = null;
        }
    }

    @BeforeEach
    void countFromZero() {
        Counting.ADDED.set(0);
        Counting.BATCHES.set(0);
    }

    private static List<Counter> persistCounters(String prefix, int rows) {
        var counters = new ArrayList<Counter>();
        for (int i = 0; i < rows; i++) {
            var counter = new Counter(String.format("%s-%03d", prefix, i));
            counters.add(counter);
            Db.session().persist(counter);
        }
        return counters;
    }

    @Test
    void aHundredInsertsWithPreallocatedIdsReachTheDriverAsOneBatchInPersistOrder() {
        try (Scope scope = db.open()) {
            List<Counter> counters = persistCounters("order", ROWS);
            Db.commit();

            assertEquals(ROWS, Counting.ADDED.get());
            assertEquals(1, Counting.BATCHES.get());
            List<String> byId = Db.session().createQuery(
                    "select c.name from Counter c where c.name like 'order-%' order by c.id", String.class).getResultList();
            assertEquals(counters.stream().map(Counter::getName).toList(), byId);
        }
    }

    @Test
    void aDuplicateKeyInABatchIsAUniqueViolationAndNoneOfTheBatchIsKept() {
        try (Scope scope = db.open()) {
            Db.session().persist(new Counter("taken"));
            Db.commit();
        }
        try (Scope scope = db.open()) {
            persistCounters("before-taken", 5);
            Db.session().persist(new Counter("taken"));
            persistCounters("after-taken", 5);

            RuntimeException failure = assertThrows(RuntimeException.class, Db::commit);

            assertTrue(Db.isUniqueViolation(failure), () -> "not recognised as a duplicate key: " + failure);
        }
        try (Scope scope = db.open()) {
            assertEquals(0L, Db.session().createQuery(
                    "select count(c) from Counter c where c.name like '%-taken-%'", Long.class).getSingleResult());
        }
    }

    @Test
    void updatesOfVersionedRowsInOneBatchCommitAndBumpEachVersion() {
        try (Scope scope = db.open()) {
            persistCounters("versioned", 3);
            Db.commit();
        }
        try (Scope scope = db.open()) {
            List<Counter> counters = Db.session().createQuery(
                    "select c from Counter c where c.name like 'versioned-%'", Counter.class).getResultList();
            counters.forEach(counter -> counter.add(5));
            Db.commit();
        }
        try (Scope scope = db.open()) {
            List<Counter> counters = Db.session().createQuery(
                    "select c from Counter c where c.name like 'versioned-%'", Counter.class).getResultList();
            assertTrue(counters.stream().allMatch(counter -> counter.getTotal() == 5 && counter.getVersion() == 2),
                    () -> "versions: " + counters.stream().map(Counter::getVersion).toList());
        }
    }

    @Test
    void aLostUpdateInABatchOfVersionedRowsIsStillAnOptimisticLockFailure() throws SQLException {
        try (Scope scope = db.open()) {
            persistCounters("stale", 3);
            Db.commit();
        }
        try (Scope scope = db.open()) {
            List<Counter> counters = Db.session().createQuery(
                    "select c from Counter c where c.name like 'stale-%'", Counter.class).getResultList();
            try (Connection other = schema.connect(); var statement = other.createStatement()) {
                statement.executeUpdate("UPDATE counter SET version = version + 1 WHERE name = 'stale-001'");
            }
            counters.forEach(counter -> counter.add(1));

            RuntimeException failure = assertThrows(RuntimeException.class, Db::commit);

            assertTrue(hasCause(failure, OptimisticLockException.class), () -> "not an optimistic lock failure: " + failure);
        }
    }

    @Test
    void identityIdsComeBackWithTheirRowsInPersistOrderInOneStatementEach() {
        try (Scope scope = db.open()) {
            var entries = new ArrayList<Entry>();
            for (int i = 0; i < ROWS; i++) {
                var entry = new Entry(String.format("entry-%03d", i));
                entries.add(entry);
                Db.session().persist(entry);
            }
            Db.commit();

            assertTrue(entries.stream().allMatch(entry -> entry.getId() != null));
            for (int i = 1; i < ROWS; i++) {
                assertTrue(entries.get(i).getId() > entries.get(i - 1).getId(), "ids follow the order of persist");
            }
            List<String> ran = Db.recordedQueries().stream().map(RecordedQuery::statement).toList();
            assertEquals(ROWS, ran.size(), () -> "statements: " + ran.subList(0, 4));
            assertTrue(ran.stream().allMatch(sql -> sql.startsWith("INSERT INTO")), ran.get(1));
            Db.session().clear();
            assertEquals("entry-042", Db.session().find(Entry.class, entries.get(42).getId()).getText());
        }
    }

    @Test
    void aDuplicateIdentityRowIsAUniqueViolation() {
        try (Scope scope = db.open()) {
            Db.session().persist(new Entry("twice"));
            Db.commit();
        }
        try (Scope scope = db.open()) {
            Db.session().persist(new Entry("twice"));

            RuntimeException failure = assertThrows(RuntimeException.class, Db::commit);

            assertTrue(Db.isUniqueViolation(failure), () -> "not recognised as a duplicate key: " + failure);
        }
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}

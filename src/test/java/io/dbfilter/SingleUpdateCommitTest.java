package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.internal.util.Causes;
import io.dbfilter.single.Guarded;
import io.dbfilter.single.Profile;
import io.dbfilter.single.Versioned;
import jakarta.persistence.OptimisticLockException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
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
 * {@code db.autocommitSingleUpdate} on Derby, PostgreSQL and MariaDB: a commit whose only write is
 * one UPDATE of one row reaches the driver with no transaction around it, and every other commit
 * still runs in one; a stale version, a duplicate key and a callback that throws after the UPDATE
 * all leave the row as it was.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestServers.Kind.class)
class SingleUpdateCommitTest {
    private static TestServers.Schema schema;
    private static Database db;

    @Parameter
    TestServers.Kind kind;

    /** Counts the transactions the driver sees: {@code setAutoCommit(false)} and {@code commit()}. */
    public static final class Transactions implements UnaryOperator<DataSource> {
        static final AtomicInteger BEGUN = new AtomicInteger();
        static final AtomicInteger COMMITTED = new AtomicInteger();

        @Override
        public DataSource apply(DataSource pool) {
            return Wrapping.connections(pool, Transactions::counted);
        }

        private static Connection counted(Connection connection) {
            return Wrapping.observed(connection, (method, args) -> {
                if (method.equals("setAutoCommit") && !(Boolean) args[0]) {
                    BEGUN.incrementAndGet();
                } else if (method.equals("commit")) {
                    COMMITTED.incrementAndGet();
                }
            });
        }

        /** What {@code work} cost in transactions begun and committed, as "begun/committed". */
        static String of(Runnable work) {
            int begun = BEGUN.get();
            int committed = COMMITTED.get();
            work.run();
            return (BEGUN.get() - begun) + "/" + (COMMITTED.get() - committed);
        }
    }

    @BeforeParameterizedClassInvocation
    static void start(TestServers.Kind kind) {
        schema = TestServers.create(kind);
        db = Database.create(schema.settings("io.dbfilter.single", "db.dataSourceWrapper", Transactions.class.getName()));
        db.createAll();
    }

    @AfterParameterizedClassInvocation
    static void stop() throws SQLException {
        try (var dropped = schema; var closed = db) {
            db = null;
            schema = null;
        }
    }

    private Long ada;
    private Long grace;

    @BeforeEach
    void twoProfiles() {
        try (Scope scope = db.open()) {
            Db.session().createQuery("delete from Profile").executeUpdate();
            var first = new Profile("ada-" + System.nanoTime(), "ada@example.org");
            var second = new Profile("grace-" + System.nanoTime(), "grace@example.org");
            Db.session().persist(first);
            Db.session().persist(second);
            Db.commit();
            ada = first.getId();
            grace = second.getId();
        }
    }

    private static <T> T inScope(Supplier<T> work) {
        try (Scope scope = db.open()) {
            return work.get();
        }
    }

    private String email(Long id) {
        return inScope(() -> Db.session().find(Profile.class, id).getEmail());
    }

    @Test
    void loadChangeCommitSendsTheUpdateWithoutATransactionAndItStays() {
        try (Scope scope = db.open()) {
            Db.session().find(Profile.class, ada).setEmail("ada@new.example.org");

            assertEquals("0/0", Transactions.of(Db::commit));
        }
        assertEquals("ada@new.example.org", email(ada));
    }

    @Test
    void twoChangedRowsCommitInOneTransaction() {
        try (Scope scope = db.open()) {
            Db.session().find(Profile.class, ada).setEmail("ada@two.example.org");
            Db.session().find(Profile.class, grace).setEmail("grace@two.example.org");

            assertEquals("1/1", Transactions.of(Db::commit));
        }
        assertEquals("ada@two.example.org", email(ada));
        assertEquals("grace@two.example.org", email(grace));
    }

    @Test
    void theSingleUpdateOfOneCommitLeavesTheNextCommitOnTheThreadItsTransaction() {
        try (Scope scope = db.open()) {
            Db.session().find(Profile.class, ada).setEmail("ada@first.example.org");
            assertEquals("0/0", Transactions.of(Db::commit));

            Db.session().find(Profile.class, ada).setEmail("ada@second.example.org");
            Db.session().persist(new Profile("new-" + System.nanoTime(), "new@example.org"));
            assertEquals("1/1", Transactions.of(Db::commit));
        }
    }

    @Test
    void aNewRowADeletionOrAChangedRelationCommitsInATransaction() {
        try (Scope scope = db.open()) {
            Db.session().persist(new Profile("added-" + System.nanoTime(), "added@example.org"));
            assertEquals("1/1", Transactions.of(Db::commit));

            Db.session().find(Profile.class, ada).setMentor(Db.session().find(Profile.class, grace));
            assertEquals("1/1", Transactions.of(Db::commit));

            Db.session().remove(Db.session().find(Profile.class, ada));
            assertEquals("1/1", Transactions.of(Db::commit));
        }
    }

    @Test
    void aCommitAfterAFlushEndsTheFlushedTransaction() {
        try (Scope scope = db.open()) {
            Db.session().find(Profile.class, ada).setEmail("ada@flushed.example.org");

            assertEquals("1/1", Transactions.of(() -> {
                Db.session().flush();
                Db.commit();
            }));
        }
        assertEquals("ada@flushed.example.org", email(ada));
    }

    @Test
    void aStaleVersionUpdatesNothingAndTheCommitFails() throws SQLException {
        Long id = inScope(() -> {
            var row = new Versioned();
            Db.session().persist(row);
            Db.commit();
            return row.getId();
        });
        try (Scope scope = db.open()) {
            Versioned row = Db.session().find(Versioned.class, id);
            try (Connection other = schema.connect(); var statement = other.createStatement()) {
                statement.executeUpdate("UPDATE versioned SET total = 7, version = version + 1 WHERE id = " + id);
            }
            row.setTotal(1);

            RuntimeException failure = assertThrows(RuntimeException.class, Db::commit);

            assertTrue(hasCause(failure, OptimisticLockException.class), () -> "not an optimistic lock failure: " + failure);
        }
        assertEquals(Map.of("total", 7L, "version", 2L), inScope(() -> {
            Versioned row = Db.session().find(Versioned.class, id);
            return Map.of("total", row.getTotal(), "version", row.getVersion());
        }));
    }

    @Test
    void aDuplicateKeyWritesNothingAndTheNextCommitWorks() {
        String taken = inScope(() -> Db.session().find(Profile.class, grace).getHandle());
        try (Scope scope = db.open()) {
            Profile profile = Db.session().find(Profile.class, ada);
            profile.setHandle(taken);
            profile.setEmail("ada@duplicate.example.org");

            RuntimeException failure = assertThrows(RuntimeException.class, Db::commit);

            assertTrue(Db.isUniqueViolation(failure), () -> "not recognised as a duplicate key: " + failure);
        }
        assertEquals("ada@example.org", email(ada));
        try (Scope scope = db.open()) {
            Db.session().find(Profile.class, ada).setEmail("ada@after.example.org");
            assertEquals("0/0", Transactions.of(Db::commit));
        }
        assertEquals("ada@after.example.org", email(ada));
    }

    @Test
    void aCallbackThatThrowsAfterTheUpdateRollsItBack() {
        Long id = inScope(() -> {
            var row = new Guarded("open");
            Db.session().persist(row);
            Db.commit();
            return row.getId();
        });
        try (Scope scope = db.open()) {
            Db.session().find(Guarded.class, id).setState("refused");

            RuntimeException failure = assertThrows(RuntimeException.class, Db::commit);

            assertTrue(hasCause(failure, IllegalStateException.class), () -> "not the callback's failure: " + failure);
        }
        assertEquals("open", inScope(() -> Db.session().find(Guarded.class, id).getState()));
    }

    @Test
    void offTheCommitOfOneUpdateRunsInATransaction() throws SQLException {
        try (Database off = Database.create(schema.settings("io.dbfilter.single",
                "db.dataSourceWrapper", Transactions.class.getName(), "db.autocommitSingleUpdate", "false"));
                Scope scope = off.open()) {
            Db.session().find(Profile.class, ada).setEmail("ada@off.example.org");

            assertEquals("1/1", Transactions.of(Db::commit));
        }
        assertEquals("ada@off.example.org", email(ada));
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        return Causes.find(error, type, cause -> true) != null;
    }
}

package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.keyset.Event;
import io.dbfilter.keyset.Sample;
import jakarta.persistence.TypedQuery;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ten thousand rows walked by keys, 20 at a time, on Derby, PostgreSQL and MariaDB: forwards and
 * backwards every row once in order, and with rows inserted and deleted by another connection
 * between windows, no row that was there all along skipped or repeated.
 */
class ScrollServersTest {
    private static final int ROWS = 10_000;
    private static final int SIZE = 20;
    /** Titles repeat every 37 rows and dates every 101: nearly every window starts inside a run of equal values. */
    private static final String ORDER = "select s from Sample s order by s.title, s.released";

    private static Supplier<TypedQuery<Sample>> query(String jpql) {
        return () -> Db.session().createQuery(jpql, Sample.class);
    }

    @ParameterizedTest
    @EnumSource(TestServers.Kind.class)
    void tenThousandRowsWalkedForwardsAndBackwardsVisitEachRowOnceInOrder(TestServers.Kind kind) throws Exception {
        try (var schema = TestServers.create(kind);
                Database db = Database.create(schema.settings(Samples.SETTING_PACKAGES))) {
            db.createAll();
            try (Connection connection = schema.connect()) {
                Samples.fill(connection, ROWS);
            }
            try (var scope = db.open()) {
                List<Long> all = Samples.ids(query(ORDER + ", s.id").get().getResultList());
                Samples.Walk walk = Samples.forward(query(ORDER), SIZE, () -> { });

                assertEquals(ROWS, all.size());
                assertEquals(all, walk.ids());
                assertEquals(ROWS / SIZE, walk.windows().size());
                var back = new ArrayList<>(Samples.backward(query(ORDER), walk.lastCursorBack(), SIZE));
                back.addAll(walk.windows().get(walk.windows().size() - 1));
                assertEquals(all, back);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestServers.Kind.class)
    void rowsInsertedAndDeletedBetweenWindowsMoveNoOtherRow(TestServers.Kind kind) throws Exception {
        try (var schema = TestServers.create(kind);
                Database db = Database.create(schema.settings(Samples.SETTING_PACKAGES));
                Connection other = schema.connect()) {
            db.createAll();
            Samples.fill(other, ROWS);
            var changes = new Changes(other, new Random(21));
            try (var scope = db.open()) {
                List<Long> walked = Samples.forward(query(ORDER), SIZE, changes::apply).ids();

                assertEquals(walked.size(), new HashSet<>(walked).size(), "a row was shown twice");
                List<Long> survivors = new ArrayList<>();
                for (long id = 1; id <= ROWS; id++) {
                    if (!changes.deleted.contains(id)) {
                        survivors.add(id);
                    }
                }
                assertTrue(walked.containsAll(survivors), "a row that was there throughout was skipped");
                List<Long> finalOrder = Samples.ids(query(ORDER + ", s.id").get().getResultList());
                var seen = new HashSet<>(walked);
                var remaining = new HashSet<>(finalOrder);
                assertEquals(finalOrder.stream().filter(seen::contains).toList(),
                        walked.stream().filter(remaining::contains).toList(), "the walk left the query's order");
                assertTrue(changes.inserted > 0 && changes.deleted.size() > 0);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestServers.Kind.class)
    void anInstantStoredWithFewerDigitsThanTheEntityHoldsIsSoughtFromItsStoredValue(TestServers.Kind kind)
            throws Exception {
        try (var schema = TestServers.create(kind);
                Database db = Database.create(schema.settings(Samples.SETTING_PACKAGES))) {
            db.createAll();
            try (Connection connection = schema.connect(); Statement statement = connection.createStatement()) {
                // Whole seconds, as a migrated schema often has them (Derby has no such type: it keeps every digit).
                if (kind == TestServers.Kind.POSTGRESQL) {
                    statement.execute("ALTER TABLE event ALTER COLUMN happened TYPE TIMESTAMP(0)");
                } else if (kind == TestServers.Kind.MARIADB) {
                    statement.execute("ALTER TABLE event MODIFY happened DATETIME NOT NULL");
                }
            }
            Instant base = Instant.parse("2026-11-30T12:00:00Z");
            try (var scope = db.open()) {
                // Three to a second once stored, while the session that persisted them keeps these
                // entities with every digit they were given (as a shared cache would): a cursor
                // written from them would seek from a value no row has.
                for (int i = 0; i < 30; i++) {
                    Db.session().persist(new Event(base.plusNanos(i * 333_333_333L)));
                }
                Db.commit();

                Supplier<TypedQuery<Event>> latest = () -> Db.session().createQuery(
                        "select e from Event e order by e.happened desc", Event.class);
                List<Long> all = Db.session().createQuery("select e from Event e order by e.happened desc, e.id",
                        Event.class).getResultList().stream().map(Event::getId).toList();
                var walked = new ArrayList<Long>();
                Window<Event> window = Db.scroll(latest.get(), null, 7);
                walked.addAll(window.items().stream().map(Event::getId).toList());
                while (window.hasNext()) {
                    window = Db.scroll(latest.get(), window.next(), 7);
                    walked.addAll(window.items().stream().map(Event::getId).toList());
                }

                assertEquals(all, walked);
            }
        }
    }

    /** Another user's writes between two windows: three rows inserted anywhere in the order, two deleted. */
    private static final class Changes {
        private final Connection connection;
        private final Random random;
        private final Set<Long> deleted = new HashSet<>();
        private long inserted;

        Changes(Connection connection, Random random) {
            this.connection = connection;
            this.random = random;
        }

        void apply() {
            try (var insert = connection.prepareStatement("INSERT INTO sample (id, title, released, rating, note,"
                    + " code, shelf_id) VALUES (?, ?, ?, ?, ?, ?, ?)"); Statement delete = connection.createStatement()) {
                for (int i = 0; i < 3; i++) {
                    inserted++;
                    Samples.bind(insert, 2 * ROWS + inserted, "title-" + random.nextInt(37));
                    insert.executeUpdate();
                }
                for (int i = 0; i < 2; i++) {
                    long id = 1 + random.nextInt(ROWS);
                    if (deleted.add(id)) {
                        delete.executeUpdate("DELETE FROM sample WHERE id = " + id);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.keyset.Sample;
import jakarta.persistence.TypedQuery;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@link Sample} table for the keyset tests, filled with plain JDBC: titles repeat every 37
 * rows and release dates every 101, so most sort values are shared by many rows; every other note
 * is null; every sixth sample stands on no shelf.
 */
final class Samples {
    static final String SETTING_PACKAGES = "io.dbfilter.keyset";
    static final String[] LABELS = {"oak", "ash", "elm", "fir", "yew"};

    private Samples() {
    }

    static void fill(Connection connection, int rows) throws SQLException {
        connection.setAutoCommit(false);
        try (var shelf = connection.prepareStatement("INSERT INTO shelf (id, label) VALUES (?, ?)")) {
            for (int id = 1; id <= LABELS.length; id++) {
                shelf.setLong(1, id);
                shelf.setString(2, LABELS[id - 1]);
                shelf.addBatch();
            }
            shelf.executeBatch();
        }
        try (var insert = connection.prepareStatement(
                "INSERT INTO sample (id, title, released, rating, note, code, shelf_id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (long id = 1; id <= rows; id++) {
                bind(insert, id, "title-" + id % 37);
                insert.addBatch();
                if (id % 1_000 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        connection.commit();
        connection.setAutoCommit(true);
        if (connection.getMetaData().getDatabaseProductName().startsWith("Apache Derby")) {
            // Derby plans with the statistics of the index's creation, an empty table, and would sort
            // the whole table for every window instead of reading the index from the seek on.
            try (var statistics = connection.createStatement()) {
                statistics.execute("CALL SYSCS_UTIL.SYSCS_UPDATE_STATISTICS('APP', 'SAMPLE', NULL)");
            }
        }
    }

    /** Sets the columns of sample {@code id}, with the given title. */
    static void bind(java.sql.PreparedStatement insert, long id, String title) throws SQLException {
        insert.setLong(1, id);
        insert.setString(2, title);
        insert.setDate(3, Date.valueOf(LocalDate.of(2020, 1, 1).plusDays(id % 101)));
        insert.setInt(4, (int) (id % 13));
        if (id % 2 == 0) {
            insert.setNull(5, Types.VARCHAR);
        } else {
            insert.setString(5, "note");
        }
        insert.setString(6, "c" + id);
        if (id % 6 == 0) {
            insert.setNull(7, Types.BIGINT);
        } else {
            insert.setLong(7, id % LABELS.length + 1);
        }
    }

    static List<Long> ids(Iterable<Sample> samples) {
        var ids = new ArrayList<Long>();
        samples.forEach(sample -> ids.add(sample.getId()));
        return ids;
    }

    /** The windows of a walk, in the order they were read. */
    record Walk(List<List<Long>> windows, String lastCursorBack) {
        List<Long> ids() {
            return windows.stream().flatMap(List::stream).toList();
        }
    }

    /**
     * Walks from the first window to the last, clearing the session between windows so that each
     * reads its rows afresh; {@code between} runs after each window. Returns the windows and the
     * last window's previous cursor.
     */
    static Walk forward(Supplier<TypedQuery<Sample>> query, int size, Runnable between) {
        var windows = new ArrayList<List<Long>>();
        Window<Sample> window = Db.scroll(query.get(), null, size);
        assertFalse(window.hasPrevious(), "the first window has nothing before it");
        while (true) {
            windows.add(ids(window));
            assertTrue(window.items().size() <= size);
            if (!window.hasNext()) {
                return new Walk(windows, window.previous());
            }
            assertEquals(size, window.items().size(), "a window with rows after it is full");
            between.run();
            Db.session().clear();
            window = Db.scroll(query.get(), window.next(), size);
            assertTrue(window.hasPrevious(), "a window read from a cursor has rows before it");
        }
    }

    /** Walks backwards from {@code cursor} to the first window; the ids in the query's order. */
    static List<Long> backward(Supplier<TypedQuery<Sample>> query, String cursor, int size) {
        var windows = new ArrayList<List<Long>>();
        String previous = cursor;
        while (previous != null) {
            Db.session().clear();
            Window<Sample> window = Db.scroll(query.get(), previous, size);
            assertTrue(window.hasNext(), "a window read backwards has rows after it");
            windows.add(ids(window));
            previous = window.previous();
        }
        Collections.reverse(windows);
        return windows.stream().flatMap(List::stream).toList();
    }
}

package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dbfilter.model.User;
import io.dbfilter.portable.Note;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rows persisted in one scope are inserted in the order they were persisted, as SQLAlchemy's unit of
 * work does, so generated ids follow the order of the list, for preallocated and for IDENTITY ids.
 */
class InsertOrderTest {
    private static final int ROWS = 100;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void preallocatedIdsFollowTheOrderOfPersist(int round) {
        try (Database db = TestDatabases.create(); Scope scope = db.open()) {
            var users = new ArrayList<User>();
            for (int i = 0; i < ROWS; i++) {
                var user = new User(String.format("user-%03d", i));
                users.add(user);
                Db.session().persist(user);
            }
            Db.commit();

            List<String> byId = Db.session().createQuery("select u.username from User u order by u.id", String.class)
                    .getResultList();
            assertEquals(users.stream().map(User::getUsername).toList(), byId, "round " + round);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void identityIdsFollowTheOrderOfPersist(int round) {
        try (Database db = Database.create(Map.of("db.url", TestDatabases.memoryUrl(),
                "db.entities", Note.class.getName()))) {
            db.createAll();
            try (Scope scope = db.open()) {
                var notes = new ArrayList<Note>();
                for (int i = 0; i < ROWS; i++) {
                    var note = new Note(String.format("note-%03d", i), "", null);
                    notes.add(note);
                    Db.session().persist(note);
                }
                Db.commit();

                List<Note> byId = new ArrayList<>(notes);
                byId.sort(Comparator.comparing(Note::getId));
                assertEquals(notes, byId, "round " + round);
            }
        }
    }
}

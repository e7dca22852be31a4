package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.required.Book;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code @ManyToOne(optional = false)} makes the foreign key column NOT NULL in what createAll runs. */
class RequiredRelationTest {
    @Test
    void aRequiredManyToOneGetsANotNullForeignKey() throws Exception {
        try (Database db = Database.create(Map.of("db.url", TestDatabases.memoryUrl(),
                "db.packages", "io.dbfilter.required"))) {
            db.createAll();
            try (Connection connection = db.dataSource().getConnection();
                    ResultSet column = connection.getMetaData().getColumns(null, null, "BOOK", "AUTHOR_ID")) {
                assertTrue(column.next(), "no column book.author_id");
                assertEquals("NO", column.getString("IS_NULLABLE"));
            }
            try (Scope scope = db.open()) {
                Db.session().persist(new Book("orphan", null));
                var error = assertThrows(RuntimeException.class, Db::commit);
                assertTrue(String.valueOf(error.getMessage()).contains("null") || error.getCause() != null,
                        String.valueOf(error));
            }
        }
    }
}

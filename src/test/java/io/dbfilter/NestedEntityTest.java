package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.nested.Journal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An entity declared as a static nested class is named after its own simple name, as Flask-SQLAlchemy would. */
class NestedEntityTest {
    @Test
    void aNestedEntityGetsATableNamedAfterItsOwnName() throws Exception {
        try (Database db = Database.create(Map.of("db.url", TestDatabases.memoryUrl(),
                "db.entities", Journal.BlogPost.class.getName()))) {
            db.createAll();
            try (Scope scope = db.open()) {
                Db.session().persist(new Journal.BlogPost("hello"));
                Db.commit();
            }
            try (Connection connection = db.dataSource().getConnection();
                    ResultSet rows = connection.createStatement().executeQuery("select title from blog_post")) {
                assertTrue(rows.next(), "no row in blog_post");
                assertEquals("hello", rows.getString(1));
            }
        }
    }

    @Test
    void twoEntitiesWhoseNamesGiveTheSameTableAreAStartupErrorNamingBoth() {
        var error = assertThrows(RuntimeException.class, () -> Database.create(Map.of("db.url",
                TestDatabases.memoryUrl(), "db.entities", Journal.BlogPost.class.getName() + ","
                        + io.dbfilter.nested.clash.Archive.BlogPost.class.getName())).close());

        String message = error.getMessage();
        assertTrue(message.contains("io.dbfilter.nested.Journal$BlogPost")
                && message.contains("io.dbfilter.nested.clash.Archive$BlogPost")
                && message.contains("would both get the table blog_post"), message);
        assertEquals(IllegalStateException.class, error.getClass(), message);
    }
}

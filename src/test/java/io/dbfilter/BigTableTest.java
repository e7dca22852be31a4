package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.model.BlogPost;
import io.dbfilter.model.User;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A million posts: a page loads one page of rows, whatever the page and with a JOIN FETCH too. */
class BigTableTest {
    private static final int ROWS = 1_000_000;
    private static Database db;

    @BeforeAll
    static void createAMillionPosts() throws SQLException {
        db = TestDatabases.create(SqlLog.SETTING);
        try (Connection connection = db.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (var user = connection.prepareStatement(
                    "INSERT INTO \"user\" (id, username, created_at) VALUES (1, 'ann', ?)")) {
                user.setTimestamp(1, Timestamp.from(Instant.now()));
                user.executeUpdate();
            }
            try (var insert = connection.prepareStatement("INSERT INTO blog_post (id, author_id) VALUES (?, 1)")) {
                for (int id = 1; id <= ROWS; id++) {
                    insert.setLong(1, id);
                    insert.addBatch();
                    if (id % 10_000 == 0) {
                        insert.executeBatch();
                    }
                }
            }
            connection.commit();
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    /** Loads the author first, so that the statements counted are the page's own. */
    private static void loadAuthor() {
        Db.session().find(User.class, 1L);
        SqlLog.clear();
    }

    private static List<Long> ids(Pagination<BlogPost> page) {
        return page.items().stream().map(BlogPost::getId).toList();
    }

    @Test
    void firstPageOfAMillionRowsFetchesOnlyItsOwnRows() {
        try (var scope = db.open()) {
            loadAuthor();

            var page = Db.paginate(Db.session().createQuery("select p from BlogPost p order by p.id", BlogPost.class),
                    1, 20);

            assertEquals((long) ROWS, page.total());
            assertEquals(50_000, page.pages());
            assertEquals(List.of(1L, 2L, 3L), ids(page).subList(0, 3));
            List<SqlLog.Statement> statements = SqlLog.statements();
            assertEquals(2, statements.size(), statements.toString());
            assertEquals(20, statements.get(0).rows());
            assertTrue(statements.get(0).sql().contains("FETCH NEXT ? ROWS ONLY"), statements.get(0).sql());
            assertTrue(statements.get(1).isCount());
            assertEquals(1, statements.get(1).rows());
        }
    }

    @Test
    void deepPageIsCutInSqlToo() {
        try (var scope = db.open()) {
            loadAuthor();

            var page = Db.paginate(Db.session().createQuery("select p from BlogPost p order by p.id", BlogPost.class),
                    40_000, 20);

            assertEquals(799_981L, ids(page).get(0));
            assertEquals(800_000L, ids(page).get(19));
            assertEquals(799_981, page.first());
            assertEquals(20, SqlLog.statements().get(0).rows());
            assertTrue(SqlLog.statements().get(0).sql().contains("OFFSET ? ROWS"));
        }
    }

    @Test
    void joinFetchPageOfAMillionRowsIsLimitedInSql() {
        try (var scope = db.open()) {
            SqlLog.clear();
            var page = Db.paginate(Db.session().createQuery(
                    "select p from BlogPost p join fetch p.author order by p.id", BlogPost.class), 3, 20);

            assertEquals((long) ROWS, page.total());
            assertEquals(41L, ids(page).get(0));
            assertEquals("ann", page.items().get(0).getAuthor().getUsername());
            List<SqlLog.Statement> statements = SqlLog.statements();
            assertEquals(2, statements.size(), statements.toString());
            assertTrue(statements.get(0).sql().contains("FETCH NEXT ? ROWS ONLY"), statements.get(0).sql());
            assertEquals(20, statements.get(0).rows());
        }
    }
}

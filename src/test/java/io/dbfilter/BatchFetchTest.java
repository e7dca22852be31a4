package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.fetch.Author;
import io.dbfilter.fetch.Post;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code db.batchFetch}: a relation touched on every entity of a result costs one more statement for
 * the whole result, not one per entity, on Derby, PostgreSQL and MariaDB, counted with the library's
 * own query recording.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestServers.Kind.class)
class BatchFetchTest {
    private static final int AUTHORS = 1200;
    private static final int POSTS_EACH = 2;
    private static TestServers.Schema schema;
    private static Database db;
    private static Database unbatched;

    @Parameter
    TestServers.Kind kind;

    @BeforeParameterizedClassInvocation
    static void start(TestServers.Kind kind) {
        schema = TestServers.create(kind);
        db = Database.create(schema.settings("io.dbfilter.fetch", "db.recordQueries", "true"));
        db.createAll();
        unbatched = Database.create(schema.settings("io.dbfilter.fetch", "db.recordQueries", "true",
                "db.batchFetch", "false", "db.createAll", "false"));
        try (Scope scope = db.open()) {
            for (int i = 0; i < AUTHORS; i++) {
                var author = new Author(String.format("author-%04d", i));
                Db.session().persist(author);
                for (int j = 0; j < POSTS_EACH; j++) {
                    Db.session().persist(new Post("post " + j + " of " + i, author));
                }
            }
            Db.commit();
        }
    }

    @AfterParameterizedClassInvocation
    static void stop() throws SQLException {
        try (var dropped = schema; var closed = db; var alsoClosed = unbatched) {
            db = null;
            unbatched = null;
            schema = null;
        }
    }

    private static List<Author> page(int offset, int size) {
        return Db.session().createQuery("select a from Author a order by a.name", Author.class)
                .setFirstResult(offset).setMaxResults(size).getResultList();
    }

    @Test
    void thePostsOfAPageOf20AuthorsAreLoadedInOneStatement() {
        try (Scope scope = db.open()) {
            int posts = page(40, 20).stream().mapToInt(author -> author.getPosts().size()).sum();

            assertEquals(20 * POSTS_EACH, posts);
            List<RecordedQuery> ran = Db.recordedQueries();
            assertEquals(2, ran.size(), () -> "statements: " + ran);
            assertTrue(ran.get(1).statement().contains(" IN ("), ran.get(1).statement());
        }
    }

    @Test
    void eachAuthorGetsItsOwnPostsNewestFirst() {
        try (Scope scope = db.open()) {
            for (Author author : page(0, 20)) {
                List<Post> posts = author.getPosts();
                assertEquals(POSTS_EACH, posts.size());
                assertTrue(posts.stream().allMatch(post -> post.getAuthor() == author), author.getName());
                assertTrue(posts.get(0).getId() > posts.get(1).getId(), author.getName());
            }
        }
    }

    @Test
    void theAuthorsOfAPageOfPostsAreLoadedInOneStatement() {
        try (Scope scope = db.open()) {
            List<Post> posts = Db.session().createQuery("select p from Post p order by p.id", Post.class)
                    .setMaxResults(20).getResultList();
            long names = posts.stream().map(post -> post.getAuthor().getName()).distinct().count();

            assertEquals(20 / POSTS_EACH, names);
            assertEquals(2, Db.recordedQueries().size(), () -> "statements: " + Db.recordedQueries());
        }
    }

    @Test
    void oneAuthorFoundByIdStillLoadsItsPosts() {
        long id;
        try (Scope scope = db.open()) {
            id = page(7, 1).get(0).getId();
        }
        try (Scope scope = db.open()) {
            Author author = Db.session().find(Author.class, id);

            assertEquals(POSTS_EACH, author.getPosts().size());
            assertEquals(2, Db.recordedQueries().size(), () -> "statements: " + Db.recordedQueries());
        }
    }

    @Test
    void aPageLargerThanOneInListIsLoadedInListsOf500() {
        try (Scope scope = db.open()) {
            int posts = page(0, AUTHORS).stream().mapToInt(author -> author.getPosts().size()).sum();

            assertEquals(AUTHORS * POSTS_EACH, posts);
            // 1,200 ids: lists of 500, 500 and 200, each well under every database's limit on bound values.
            assertEquals(1 + 3, Db.recordedQueries().size());
        }
    }

    @Test
    void turnedOffEachAuthorsPostsCostAStatementOfTheirOwn() {
        try (Scope scope = unbatched.open()) {
            page(0, 20).forEach(author -> author.getPosts().size());

            assertEquals(1 + 20, Db.recordedQueries().size());
        }
    }
}

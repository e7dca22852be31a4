package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.internal.eclipselink.CountQuery;
import io.dbfilter.model.BlogPost;
import io.dbfilter.model.User;
import jakarta.persistence.TypedQuery;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every kind of query that generated count queries get wrong, paged through with 7 per page: each
 * page's total equals the number of rows the query returns unpaged, the pages together are exactly
 * the unpaged result, and each page runs its select (limited in SQL) plus a count only when the
 * page is full.
 */
class CountQueryTest {
    private static final int PER_PAGE = 7;
    private static Database db;

    @BeforeAll
    static void createBlog() {
        db = TestDatabases.create(SqlLog.SETTING);
        Blog.fill(db);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static List<Object> assertEveryPageAddsUp(TypedQuery<?> query) {
        return PageChecks.assertEveryPageAddsUp(query, PER_PAGE);
    }

    @Test
    void plainQueryWithOrderBy() {
        try (var scope = db.open()) {
            var all = assertEveryPageAddsUp(Db.session().createQuery(
                    "select p from BlogPost p order by p.title desc", BlogPost.class));
            assertEquals(Blog.POSTS, all.size());
        }
    }

    @Test
    void namedParameterInWhereIsBoundNotWrittenIntoTheSql() {
        try (var scope = db.open()) {
            var query = Db.session().createQuery(
                    "select p from BlogPost p where p.title like :pattern order by p.title", BlogPost.class).setParameter("pattern", "post-1%");
            assertEquals(10, assertEveryPageAddsUp(query).size());

            SqlLog.clear();
            Db.paginate(query, 1, 5);
            SqlLog.Statement count = SqlLog.statements().get(1);
            assertTrue(count.isCount());
            assertTrue(count.sql().contains("?"), count.sql());
            assertFalse(count.sql().contains("post-1"), count.sql());
        }
    }

    @Test
    void plainQueryIsCountedWithoutASubquery() {
        try (var scope = db.open()) {
            SqlLog.clear();
            Db.paginate(Db.session().createQuery(
                    "select p from BlogPost p where p.title like 'post-%' order by p.title", BlogPost.class), 1, 5);
            String count = SqlLog.statements().stream().filter(SqlLog.Statement::isCount).findFirst()
                    .orElseThrow().sql();
            assertTrue(count.startsWith("SELECT COUNT(*) FROM blog_post"), count);
            assertFalse(count.contains("ORDER BY"), count);
        }
    }

    @Test
    void distinctQueryIsCountedAsASubquerySoThatDuplicatesAreLeftOut() {
        try (var scope = db.open()) {
            SqlLog.clear();
            Db.paginate(Db.session().createQuery(
                    "select distinct p from BlogPost p join p.tags t order by p.title", BlogPost.class), 1, 1);
            String count = SqlLog.statements().stream().filter(SqlLog.Statement::isCount).findFirst()
                    .orElseThrow().sql();
            assertTrue(count.startsWith("SELECT COUNT(*) FROM (SELECT DISTINCT "), count);
            assertTrue(count.endsWith(") counted"), count);
        }
    }

    @Test
    void positionalParameters() {
        try (var scope = db.open()) {
            assertEquals(16, assertEveryPageAddsUp(Db.session().createQuery(
                    "select p from BlogPost p where p.title > ?1 and p.title <= ?2 order by p.title", BlogPost.class)
                    .setParameter(1, "post-04").setParameter(2, "post-20")).size());
        }
    }

    @Test
    void collectionParameterExpandsIntoAnInList() {
        try (var scope = db.open()) {
            assertEquals(9, assertEveryPageAddsUp(Db.session().createQuery(
                    "select p from BlogPost p where p.title in :titles order by p.title", BlogPost.class)
                    .setParameter("titles", List.of("post-01", "post-02", "post-03", "post-04", "post-05", "post-06",
                            "post-07", "post-08", "post-09", "no-such-post"))).size());
        }
    }

    @Test
    void entityParameterIsTranslatedToItsKey() {
        try (var scope = db.open()) {
            User ann = Blog.user("ann");
            assertEquals(18, assertEveryPageAddsUp(Db.session().createQuery(
                    "select p from BlogPost p where p.author = :author order by p.title", BlogPost.class)
                    .setParameter("author", ann)).size());
        }
    }

    @Test
    void joinOfACollectionCountsEveryJoinedRow() {
        try (var scope = db.open()) {
            // 12 posts with one tag, 11 with two, 11 with three: 67 rows, posts repeated.
            assertEquals(67, assertEveryPageAddsUp(Db.session().createQuery(
                    "select p from BlogPost p join p.tags t order by p.title, t.name", BlogPost.class)).size());
        }
    }

    @Test
    void joinWithConditionOnTheJoinedEntity() {
        try (var scope = db.open()) {
            assertEquals(33, assertEveryPageAddsUp(Db.session().createQuery(
                    "select p from BlogPost p join p.tags t where t.group = :group order by p.title, t.name",
                    BlogPost.class).setParameter("group", "cold")).size());
        }
    }

    @Test
    void distinctOverAJoinCountsEachEntityOnce() {
        try (var scope = db.open()) {
            assertEquals(22, assertEveryPageAddsUp(Db.session().createQuery(
                    "select distinct p from BlogPost p join p.tags t where t.name in :names order by p.title",
                    BlogPost.class).setParameter("names", List.of("blue", "green"))).size());
        }
    }

    @Test
    void distinctScalar() {
        try (var scope = db.open()) {
            assertEquals(List.of("ann", "bob"), assertEveryPageAddsUp(Db.session().createQuery(
                    "select distinct a.username from BlogPost p join p.author a order by a.username", String.class)));
        }
    }

    @Test
    void joinFetchOfAToOneRelationshipDropsPostsWithoutAuthor() {
        try (var scope = db.open()) {
            assertEquals(36, assertEveryPageAddsUp(Db.session().createQuery(
                    "select p from BlogPost p join fetch p.author order by p.title", BlogPost.class)).size());
        }
    }

    @Test
    void leftJoinFetchOfAToOneRelationshipKeepsEveryPost() {
        try (var scope = db.open()) {
            assertEquals(Blog.POSTS, assertEveryPageAddsUp(Db.session().createQuery(
                    "select p from BlogPost p left join fetch p.author a order by a.username, p.title",
                    BlogPost.class)).size());
        }
    }

    @Test
    void distinctWithJoinFetchOfAToOneRelationship() {
        try (var scope = db.open()) {
            assertEquals(27, assertEveryPageAddsUp(Db.session().createQuery(
                    "select distinct p from BlogPost p join fetch p.author join p.tags t order by p.title",
                    BlogPost.class)).size());
        }
    }

    @Test
    void onlyASelectListOfPlainColumnsIsReplacedByTheCount() {
        assertEquals("SELECT COUNT(*) FROM USER t0 WHERE (t0.AGE > ?)",
                CountQuery.countSql("SELECT t0.ID, t0.NAME FROM USER t0 WHERE (t0.AGE > ?)"));
        for (String kept : List.of("SELECT t0.NAME, 'a FROM b' FROM USER t0", "SELECT LOWER(t0.NAME) FROM USER t0",
                "SELECT DISTINCT t0.NAME FROM USER t0", "SELECT t0.NAME FROM USER t0 GROUP BY t0.NAME")) {
            assertEquals("SELECT COUNT(*) FROM (" + kept + ") counted", CountQuery.countSql(kept));
        }
    }

    @Test
    void groupByCountsGroups() {
        try (var scope = db.open()) {
            var all = assertEveryPageAddsUp(Db.session().createQuery(
                    "select a.username, count(p) from BlogPost p join p.author a group by a.username"
                            + " order by a.username", Object[].class));
            assertEquals(List.of(List.of("ann", 18L), List.of("bob", 18L)), all);
        }
    }

    @Test
    void groupByWithHavingAndParameter() {
        try (var scope = db.open()) {
            var all = assertEveryPageAddsUp(Db.session().createQuery(
                    "select t.name, count(p) from BlogPost p join p.tags t group by t.name having count(p) > :least"
                            + " order by count(p) desc, t.name", Object[].class).setParameter("least", 11L));
            assertEquals(List.of(List.of("red", 34L), List.of("blue", 22L)), all);
        }
    }

    @Test
    void groupByWithManyGroupsPagesThroughTheGroups() {
        try (var scope = db.open()) {
            assertEquals(Blog.POSTS, assertEveryPageAddsUp(Db.session().createQuery(
                    "select p.title, count(t) from BlogPost p left join p.tags t group by p.title order by p.title",
                    Object[].class)).size());
        }
    }

    @Test
    void parameterOnlyInTheOrderByIsLeftOutOfTheCount() {
        try (var scope = db.open()) {
            var all = assertEveryPageAddsUp(Db.session().createQuery(
                    "select p from BlogPost p order by case when p.title = :top then 0 else 1 end, p.title",
                    BlogPost.class).setParameter("top", "post-30"));
            assertEquals("post-30", ((BlogPost) all.get(0)).getTitle());
        }
    }

    @Test
    void parameterThatDerbyCannotBindInACase() {
        try (var scope = db.open()) {
            // Derby cannot type "CASE WHEN ... THEN ? ELSE ? END"; EclipseLink writes those values into the SQL.
            assertEquals(44, assertEveryPageAddsUp(Db.session().createQuery(
                    "select p from BlogPost p where case when p.title = :skip then 1 else 0 end = 0 order by p.title",
                    BlogPost.class).setParameter("skip", "post-07")).size());
        }
    }

    @Test
    void subqueryWithParameter() {
        try (var scope = db.open()) {
            assertEquals(22, assertEveryPageAddsUp(Db.session().createQuery(
                    "select p from BlogPost p where exists (select t from Tag t where t member of p.tags"
                            + " and t.name = :name) order by p.title", BlogPost.class).setParameter("name", "blue")).size());
        }
    }

    @Test
    void literalsThatLookLikeParametersStayLiterals() {
        try (var scope = db.open()) {
            assertEquals(Blog.POSTS, assertEveryPageAddsUp(Db.session().createQuery(
                    "select p from BlogPost p where p.title <> 'what?)' and p.title <> '#x' order by p.title",
                    BlogPost.class)).size());
        }
    }

    @Test
    void criteriaQueryWithNamedAndUnnamedParameters() {
        try (var scope = db.open()) {
            var builder = Db.session().getCriteriaBuilder();
            var criteria = builder.createQuery(BlogPost.class);
            var post = criteria.from(BlogPost.class);
            var author = builder.parameter(User.class, "author");
            var after = builder.parameter(String.class);
            criteria.select(post).where(builder.equal(post.get("author"), author),
                    builder.greaterThan(post.<String>get("title"), after)).orderBy(builder.asc(post.get("title")));

            assertEquals(14, assertEveryPageAddsUp(Db.session().createQuery(criteria)
                    .setParameter(author, Blog.user("bob")).setParameter(after, "post-10")).size());
        }
    }

    @Test
    void namedQuery() {
        try (var scope = db.open()) {
            db.entityManagerFactory().addNamedQuery("postsOf", Db.session().createQuery(
                    "select p from BlogPost p where p.author = :author order by p.title", BlogPost.class));

            assertEquals(18, assertEveryPageAddsUp(Db.session().createNamedQuery("postsOf", BlogPost.class)
                    .setParameter("author", Blog.user("bob"))).size());
        }
    }

    @Test
    void queryWithoutRowsHasTotalZeroAndOnePage() {
        try (var scope = db.open()) {
            assertEquals(0, assertEveryPageAddsUp(Db.session().createQuery(
                    "select u from User u where u.username = 'nobody'", User.class)).size());
        }
    }
}

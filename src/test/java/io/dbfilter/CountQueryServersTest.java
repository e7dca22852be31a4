package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dbfilter.model.BlogPost;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The count queries that differ most between databases, on Derby, PostgreSQL and MariaDB: MariaDB
 * refuses a subquery with two columns of one name (a JOIN FETCH selects two ids), and each
 * database pages with its own SQL.
 */
class CountQueryServersTest {
    private static final int PER_PAGE = 7;

    @ParameterizedTest
    @EnumSource(TestServers.Kind.class)
    void hardCountsAreRightOnEveryDatabase(TestServers.Kind kind) throws Exception {
        try (var schema = TestServers.create(kind);
                Database db = Database.create(schema.settings("io.dbfilter.model", SqlLog.SETTING))) {
            db.createAll();
            Blog.fill(db);
            try (var scope = db.open()) {
                assertEquals(36, PageChecks.assertEveryPageAddsUp(Db.session().createQuery(
                        "select p from BlogPost p join fetch p.author order by p.title", BlogPost.class),
                        PER_PAGE).size());
                assertEquals(Blog.POSTS, PageChecks.assertEveryPageAddsUp(Db.session().createQuery(
                        "select p from BlogPost p left join fetch p.author a order by a.username, p.title",
                        BlogPost.class), PER_PAGE).size());
                assertEquals(27, PageChecks.assertEveryPageAddsUp(Db.session().createQuery(
                        "select distinct p from BlogPost p join fetch p.author join p.tags t order by p.title",
                        BlogPost.class), PER_PAGE).size());
                assertEquals(22, PageChecks.assertEveryPageAddsUp(Db.session().createQuery(
                        "select distinct p from BlogPost p join p.tags t where t.name in :names order by p.title",
                        BlogPost.class).setParameter("names", List.of("blue", "green")), PER_PAGE).size());
                assertEquals(16, PageChecks.assertEveryPageAddsUp(Db.session().createQuery(
                        "select p from BlogPost p where p.title > ?1 and p.title <= ?2 order by p.title",
                        BlogPost.class)
                        .setParameter(1, "post-04").setParameter(2, "post-20"), PER_PAGE).size());
                assertEquals(Blog.POSTS, PageChecks.assertEveryPageAddsUp(Db.session().createQuery(
                        "select p.title, count(t) from BlogPost p left join p.tags t group by p.title order by p.title",
                        Object[].class), PER_PAGE).size());
                assertEquals(List.of(List.of("ann", 18L), List.of("bob", 18L)), PageChecks.assertEveryPageAddsUp(
                        Db.session().createQuery("select a.username, count(p) from BlogPost p join p.author a"
                                + " group by a.username order by a.username", Object[].class), 1));
            }
        }
    }
}

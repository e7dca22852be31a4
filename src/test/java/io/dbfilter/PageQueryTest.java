package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.internal.eclipselink.QueryCopy;
import io.dbfilter.model.BlogPost;
import jakarta.persistence.TypedQuery;
import org.eclipse.persistence.config.QueryHints;
import org.eclipse.persistence.internal.jpa.QueryImpl;
import org.eclipse.persistence.queries.ReadQuery;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A page's copy of a JPQL query starts from a copy that EclipseLink prepared once with a row limit,
 * so that its SQL is not generated again for every page, on Derby, PostgreSQL and MariaDB; pages of
 * every size still hold the right rows, and the caller's query is left as it was.
 */
class PageQueryTest {
    private static final String JPQL = "select p from BlogPost p where p.title > :after order by p.title";

    @ParameterizedTest
    @EnumSource(TestServers.Kind.class)
    void aPageOfAJpqlQueryIsNotPreparedAgain(TestServers.Kind kind) throws Exception {
        try (var schema = TestServers.create(kind);
                Database db = Database.create(schema.settings("io.dbfilter.model"))) {
            db.createAll();
            Blog.fill(db);
            try (var scope = db.open()) {
                ReadQuery first = pageOf(query(), 14, 7);
                ReadQuery second = pageOf(query(), 21, 7);

                assertTrue(first.isPrepared(), "the page's SQL would be generated again: " + first);
                assertTrue(second.isPrepared(), "the page's SQL would be generated again: " + second);
                assertNotSame(first, second);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestServers.Kind.class)
    void pagesOfEverySizeHoldTheirRows(TestServers.Kind kind) throws Exception {
        try (var schema = TestServers.create(kind);
                Database db = Database.create(schema.settings("io.dbfilter.model", SqlLog.SETTING))) {
            db.createAll();
            Blog.fill(db);
            try (var scope = db.open()) {
                for (int perPage : new int[] {1, 5, 7, 100}) {
                    assertEquals(Blog.POSTS - 4, PageChecks.assertEveryPageAddsUp(query(), perPage).size(),
                            "pages of " + perPage);
                }
                TypedQuery<BlogPost> readOnly = query().setHint(QueryHints.READ_ONLY, "true");
                assertEquals(Blog.POSTS - 4, PageChecks.assertEveryPageAddsUp(readOnly, 7).size());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestServers.Kind.class)
    void theCallersQueryKeepsItsOwnResults(TestServers.Kind kind) throws Exception {
        try (var schema = TestServers.create(kind);
                Database db = Database.create(schema.settings("io.dbfilter.model"))) {
            db.createAll();
            Blog.fill(db);
            try (var scope = db.open()) {
                TypedQuery<BlogPost> query = query();
                Db.paginate(query, 2, 7);

                assertEquals(Blog.POSTS - 4, query.getResultList().size());
            }
        }
    }

    private static TypedQuery<BlogPost> query() {
        return Db.session().createQuery(JPQL, BlogPost.class).setParameter("after", "post-04");
    }

    /** The page's EclipseLink query with its rows set as EclipseLink sets them when the page runs. */
    private static ReadQuery pageOf(TypedQuery<BlogPost> query, int first, int max) {
        var page = (ReadQuery) QueryCopy.forPage(query).unwrap(QueryImpl.class).getDatabaseQueryInternal();
        page.setMaxRows(first + max);
        page.setFirstResult(first);
        return page;
    }
}

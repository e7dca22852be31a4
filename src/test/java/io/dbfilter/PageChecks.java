package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Pages through a query and checks every page against the query's unpaged result, by brute force. */
final class PageChecks {
    private PageChecks() {
    }

    /**
     * Checks that each page's total is the number of rows the query returns unpaged, that the pages
     * together are exactly the unpaged result, and that each page runs one select, limited in SQL
     * and fetching at most perPage rows, plus a count without ORDER BY only when the page is full.
     * Needs {@link SqlLog} registered on the database.
     *
     * @return the unpaged result, report rows as lists
     */
    static List<Object> assertEveryPageAddsUp(TypedQuery<?> query, int perPage) {
        List<Object> all = rows(query.getResultList());
        var paged = new ArrayList<Object>();
        int pages = Math.max(1, (all.size() + perPage - 1) / perPage);
        for (int number = 1; number <= pages; number++) {
            SqlLog.clear();
            Pagination<?> page = Db.paginate(query, number, perPage);
            List<SqlLog.Statement> statements = SqlLog.statements();

            assertEquals(all.size(), page.total(), "total of page " + number);
            paged.addAll(rows(page.items()));
            boolean full = page.items().size() == perPage;
            assertEquals(full ? 2 : 1, statements.size(), "statements of page " + number + ": " + statements);
            SqlLog.Statement select = statements.get(0);
            assertTrue(select.sql().contains(" FETCH NEXT ") || select.sql().contains(" LIMIT "),
                    "not limited in SQL: " + select.sql());
            assertTrue(select.rows() <= perPage, select.rows() + " rows fetched for a page of " + perPage);
            if (full) {
                SqlLog.Statement count = statements.get(1);
                assertTrue(count.isCount(), count.sql());
                assertFalse(count.sql().contains("ORDER BY"), count.sql());
            }
        }
        assertEquals(all, paged);
        return all;
    }

    /** Report query rows are arrays; as lists they compare by content. */
    private static List<Object> rows(List<?> results) {
        return results.stream()
                .map(row -> row instanceof Object[] array ? (Object) Arrays.asList(array) : row)
                .toList();
    }
}

package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The numbers of a page, without a database: a page of {@code total} rows as paginate would load it. */
class PaginationTest {
    private static Pagination<Integer> page(int page, int perPage, Long total) {
        long rows = total == null ? 1000 : total;
        long from = (long) (page - 1) * perPage;
        int count = (int) Math.max(0, Math.min(perPage, rows - from));
        List<Integer> items = IntStream.range(0, count).mapToObj(i -> (int) from + i).toList();
        return new Pagination<>(null, PageRequest.of(page, perPage).resolve(null), items, total);
    }

    private static Pagination<Integer> page(int page, int perPage, long total) {
        return page(page, perPage, Long.valueOf(total));
    }

    private static List<Integer> numbers(Integer... numbers) {
        return Arrays.asList(numbers);
    }

    @Test
    void middlePageHasEveryAttribute() {
        var page = page(3, 20, 500);

        assertEquals(3, page.page());
        assertEquals(20, page.perPage());
        assertNull(page.maxPerPage());
        assertEquals(500L, page.total());
        assertEquals(20, page.items().size());
        assertEquals(25, page.pages());
        assertEquals(41, page.first());
        assertEquals(60, page.last());
        assertTrue(page.hasPrev());
        assertEquals(2, page.prevNum());
        assertTrue(page.hasNext());
        assertEquals(4, page.nextNum());
    }

    @Test
    void firstPageHasNoPrevious() {
        var page = page(1, 20, 500);

        assertFalse(page.hasPrev());
        assertNull(page.prevNum());
        assertEquals(1, page.first());
        assertEquals(20, page.last());
    }

    @Test
    void shortLastPageHasNoNextAndEndsAtTheTotal() {
        var page = page(3, 20, 45);

        assertEquals(3, page.pages());
        assertEquals(41, page.first());
        assertEquals(45, page.last());
        assertFalse(page.hasNext());
        assertNull(page.nextNum());
    }

    @Test
    void pagesRoundUpAndAreZeroWithoutRows() {
        assertEquals(1, page(1, 20, 1).pages());
        assertEquals(1, page(1, 20, 20).pages());
        assertEquals(2, page(1, 20, 21).pages());
        assertEquals(0, page(1, 20, 0).pages());
    }

    @Test
    void emptyPageHasFirstAndLastZero() {
        var empty = page(1, 20, 0);

        assertEquals(0, empty.first());
        assertEquals(0, empty.last());
        assertEquals(List.of(), empty.items());
    }

    @Test
    void pagePastTheEndIsEmptyButKeepsItsNumbers() {
        var past = page(9, 20, 45);

        assertEquals(0, past.first());
        assertEquals(0, past.last());
        assertEquals(3, past.pages());
        assertTrue(past.hasPrev());
        assertEquals(8, past.prevNum());
        assertFalse(past.hasNext());
    }

    @Test
    void uncountedPageHasNoPagesAndNoNext() {
        var page = page(2, 20, null);

        assertNull(page.total());
        assertEquals(0, page.pages());
        assertFalse(page.hasNext());
        assertNull(page.nextNum());
        assertTrue(page.hasPrev());
        assertEquals(21, page.first());
        assertEquals(40, page.last());
        assertEquals(List.of(), page.iterPages());
    }

    @Test
    void itemsCannotBeChangedAndAreIterated() {
        var page = page(2, 3, 10);

        assertThrows(UnsupportedOperationException.class, () -> page.items().add(99));
        var iterated = new ArrayList<Integer>();
        page.forEach(iterated::add);
        assertEquals(List.of(3, 4, 5), iterated);
    }

    @Test
    void iterPagesMatchesFlaskExamplesForTwentyFivePages() {
        assertEquals(numbers(1, 2, 3, 4, 5, null, 24, 25), page(1, 20, 500).iterPages());
        assertEquals(numbers(1, 2, null, 4, 5, 6, 7, 8, 9, 10, null, 24, 25), page(6, 20, 500).iterPages());
        assertEquals(numbers(1, 2, null, 23, 24, 25), page(25, 20, 500).iterPages());
    }

    @Test
    void iterPagesOfOnePageIsOneAndOfNoRowsIsEmpty() {
        assertEquals(numbers(1), page(1, 20, 7).iterPages());
        assertEquals(numbers(), page(1, 20, 0).iterPages());
    }

    @Test
    void iterPagesShowsEveryPageWhenTheyAllFit() {
        assertEquals(numbers(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), page(5, 20, 200).iterPages());
        assertEquals(numbers(1, 2, 3), page(3, 20, 60).iterPages());
    }

    @Test
    void iterPagesClosesTheGapWhenOnlyNeighboursAreSkipped() {
        // Page 5 of 25: 1, 2 then 3..9 touch, so no gap on the left.
        assertEquals(numbers(1, 2, 3, 4, 5, 6, 7, 8, 9, null, 24, 25), page(5, 20, 500).iterPages());
        // Page 19: its window ends at 23, right before the right edge.
        assertEquals(numbers(1, 2, null, 17, 18, 19, 20, 21, 22, 23, 24, 25), page(19, 20, 500).iterPages());
    }

    @Test
    void iterPagesTakesCustomEdges() {
        var page = page(10, 10, 200);

        assertEquals(numbers(1, null, 9, 10, 11, null, 20), page.iterPages(1, 1, 1, 1));
        assertEquals(numbers(null, 10, null), page.iterPages(0, 0, 0, 0));
        assertEquals(numbers(1, 2, 3, null, 7, 8, 9, 10, null, 18, 19, 20), page.iterPages(3, 3, 0, 3));
    }

    @Test
    void iterPagesNeverRepeatsANumberWhereFlaskWould() {
        // Flask 3.1 gives [1, 2, 2, 3] here.
        assertEquals(numbers(1, 2, 3), page(1, 10, 30).iterPages(2, 0, 0, 2));
    }

    @Test
    void iterPagesOfAPagePastTheEndStillLinksBothEnds() {
        assertEquals(numbers(1, 2, null, 24, 25), page(30, 20, 500).iterPages());
    }

    @Test
    void iterPagesEqualsFlasksAlgorithmForEveryPageWithDefaultEdges() {
        for (int pages = 0; pages <= 60; pages++) {
            for (int current = 1; current <= Math.max(1, pages); current++) {
                var page = page(current, 10, pages * 10L);
                assertEquals(flask(current, pages), page.iterPages(), "page " + current + " of " + pages);
            }
        }
    }

    /** Flask-SQLAlchemy 3.1's iter_pages with its default edges, line by line. */
    private static List<Integer> flask(int page, int pages) {
        int leftEdge = 2;
        int leftCurrent = 2;
        int rightCurrent = 4;
        int rightEdge = 2;
        var out = new ArrayList<Integer>();
        int pagesEnd = pages + 1;
        if (pagesEnd == 1) {
            return out;
        }
        int leftEnd = Math.min(1 + leftEdge, pagesEnd);
        IntStream.range(1, leftEnd).forEach(out::add);
        if (leftEnd == pagesEnd) {
            return out;
        }
        int midStart = Math.max(leftEnd, page - leftCurrent);
        int midEnd = Math.min(page + rightCurrent + 1, pagesEnd);
        if (midStart - leftEnd > 0) {
            out.add(null);
        }
        IntStream.range(midStart, midEnd).forEach(out::add);
        if (midEnd == pagesEnd) {
            return out;
        }
        int rightStart = Math.max(midEnd, pagesEnd - rightEdge);
        if (rightStart - midEnd > 0) {
            out.add(null);
        }
        IntStream.range(rightStart, pagesEnd).forEach(out::add);
        return out;
    }

    @Test
    void iterPagesIsTheUnionOfItsWindowsForAnyEdges() {
        for (int pages = 1; pages <= 30; pages++) {
            for (int current = 1; current <= pages; current++) {
                for (int edge = 0; edge <= 3; edge++) {
                    for (int near = 0; near <= 4; near++) {
                        var page = page(current, 10, pages * 10L);
                        assertEquals(union(current, pages, edge, near, near + 1, 3 - edge),
                                page.iterPages(edge, near, near + 1, 3 - edge),
                                "page " + current + " of " + pages + " edges " + edge + "," + near);
                    }
                }
            }
        }
    }

    /** The rule, by brute force: mark the shown pages, then list them with a null for each skipped run. */
    private static List<Integer> union(int page, int pages, int leftEdge, int leftCurrent, int rightCurrent,
            int rightEdge) {
        var out = new ArrayList<Integer>();
        boolean skipping = false;
        for (int number = 1; number <= pages; number++) {
            boolean shown = number <= leftEdge || (number >= page - leftCurrent && number <= page + rightCurrent)
                    || number > pages - rightEdge;
            if (shown) {
                out.add(number);
                skipping = false;
            } else if (!skipping) {
                out.add(null);
                skipping = true;
            }
        }
        return out;
    }

    @Test
    void toStringNamesTheNumbers() {
        assertEquals("Pagination[page=2, perPage=20, total=45, items=20]", page(2, 20, 45).toString());
    }
}

package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.internal.scope.RequestInfo;
import io.dbfilter.internal.web.ServletRequestInfo;
import jakarta.servlet.ServletRequest;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How page and perPage are chosen from the options and the request, by Flask-SQLAlchemy's rules. */
class PageRequestTest {
    /** A request with the given query parameters, alternating names and values. */
    private static RequestInfo request(String... parameters) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < parameters.length; i += 2) {
            values.put(parameters[i], parameters[i + 1]);
        }
        return new ServletRequestInfo((ServletRequest) Proxy.newProxyInstance(ServletRequest.class.getClassLoader(),
                new Class<?>[] {ServletRequest.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getParameter")) {
                        return values.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                }), null);
    }

    private static String pageAndPerPage(PageRequest resolved) {
        return resolved.page() + "/" + resolved.perPage();
    }

    @Test
    void defaultsArePageOneAndTwentyPerPageWithoutARequest() {
        assertEquals("1/20", pageAndPerPage(PageRequest.fromRequest().resolve(null)));
    }

    @Test
    void defaultsArePageOneAndTwentyPerPageWhenTheRequestHasNoParameters() {
        assertEquals("1/20", pageAndPerPage(PageRequest.fromRequest().resolve(request())));
    }

    @Test
    void pageAndPerPageAreReadFromTheRequest() {
        assertEquals("3/7", pageAndPerPage(PageRequest.fromRequest().resolve(request("page", "3", "per_page", "7"))));
    }

    @Test
    void explicitValuesWinOverTheRequest() {
        var request = request("page", "3", "per_page", "7");

        assertEquals("5/10", pageAndPerPage(PageRequest.of(5, 10).resolve(request)));
        assertEquals("3/10", pageAndPerPage(PageRequest.fromRequest().perPage(10).resolve(request)));
        assertEquals("5/7", pageAndPerPage(PageRequest.fromRequest().page(5).resolve(request)));
    }

    @Test
    void maxPerPageCapsPerPageFromTheRequestAndFromCode() {
        assertEquals("1/50", pageAndPerPage(PageRequest.fromRequest().maxPerPage(50)
                .resolve(request("per_page", "100000"))));
        assertEquals("1/50", pageAndPerPage(PageRequest.of(1, 80).maxPerPage(50).resolve(null)));
        assertEquals("1/10", pageAndPerPage(PageRequest.fromRequest().maxPerPage(10).resolve(null)));
        assertEquals("1/30", pageAndPerPage(PageRequest.of(1, 30).maxPerPage(50).resolve(null)));
    }

    @Test
    void thereIsNoCapUnlessAsked() {
        assertEquals("1/100000", pageAndPerPage(PageRequest.fromRequest().resolve(request("per_page", "100000"))));
    }

    @Test
    void oneIsTheSmallestPerPageAndMaxPerPage() {
        assertEquals("1/1", pageAndPerPage(PageRequest.of(1, 1).maxPerPage(1).resolve(null)));
    }

    @Test
    void requestsWithTheSameOptionsAreEqualAndAnyOptionMakesThemDiffer() {
        var request = PageRequest.of(2, 10).maxPerPage(50).notFound("No such page.");

        assertEquals(request, PageRequest.of(2, 10).maxPerPage(50).notFound("No such page."));
        assertEquals(request.hashCode(), PageRequest.of(2, 10).maxPerPage(50).notFound("No such page.").hashCode());
        assertEquals("No such page.", request.notFound());
        for (PageRequest other : List.of(request.page(3), request.perPage(11), request.maxPerPage(49),
                request.errorOut(false), request.count(false), request.notFound(null))) {
            assertFalse(request.equals(other), other.toString());
        }
        assertFalse(request.equals("PageRequest"));
    }

    @Test
    void maxPerPageBelowOneIsAProgrammingError() {
        var error = assertThrows(IllegalArgumentException.class, () -> PageRequest.fromRequest().maxPerPage(0));
        assertEquals("dbfilter: maxPerPage must be at least 1, not 0.", error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", " ", "1.5", "2e3", "0x10", "1__0", "_1", "1_", "- 1", "99999999999"})
    void pageThatIsNotAnIntegerIsA404WithErrorOut(String value) {
        var error = assertThrows(NotFoundException.class,
                () -> PageRequest.fromRequest().resolve(request("page", value)));
        assertEquals(404, error.status());
        assertNull(error.description());
        assertEquals("dbfilter: the page parameter is not an integer", error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", "1.5", "99999999999"})
    void perPageThatIsNotAnIntegerIsA404WithErrorOut(String value) {
        var error = assertThrows(NotFoundException.class,
                () -> PageRequest.fromRequest().resolve(request("per_page", value)));
        assertEquals("dbfilter: the per_page parameter is not an integer", error.getMessage());
    }

    @Test
    void valuesThatAreNotIntegersFallBackToTheDefaultsWithoutErrorOut() {
        var lenient = PageRequest.fromRequest().errorOut(false);

        assertEquals("1/20", pageAndPerPage(lenient.resolve(request("page", "abc", "per_page", "x"))));
        assertEquals("4/20", pageAndPerPage(lenient.resolve(request("page", "4", "per_page", "1.5"))));
    }

    @Test
    void pageIsCheckedBeforePerPageAsInFlask() {
        var error = assertThrows(NotFoundException.class,
                () -> PageRequest.fromRequest().resolve(request("page", "x", "per_page", "y")));
        assertTrue(error.getMessage().contains("page parameter"));
        assertFalse(error.getMessage().contains("per_page"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3"})
    void pageBelowOneIsA404WithErrorOutAndPageOneWithout(String value) {
        var request = request("page", value, "per_page", "5");

        var error = assertThrows(NotFoundException.class, () -> PageRequest.fromRequest().resolve(request));
        assertEquals("dbfilter: page " + value + " is below 1", error.getMessage());
        assertEquals("1/5", pageAndPerPage(PageRequest.fromRequest().errorOut(false).resolve(request)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3"})
    void perPageBelowOneIsA404WithErrorOutAndTwentyWithout(String value) {
        var request = request("page", "2", "per_page", value);

        var error = assertThrows(NotFoundException.class, () -> PageRequest.fromRequest().resolve(request));
        assertEquals("dbfilter: per_page " + value + " is below 1", error.getMessage());
        assertEquals("2/20", pageAndPerPage(PageRequest.fromRequest().errorOut(false).resolve(request)));
    }

    @Test
    void explicitValuesBelowOneFollowTheSameRules() {
        assertThrows(NotFoundException.class, () -> PageRequest.of(0, 20).resolve(null));
        assertThrows(NotFoundException.class, () -> PageRequest.of(1, 0).resolve(null));
        assertEquals("1/20", pageAndPerPage(PageRequest.of(0, 0).errorOut(false).resolve(null)));
    }

    @Test
    void capIsAppliedBeforeTheBelowOneCheckAsInFlask() {
        // min(-5, 50) is still -5: Flask caps first, then checks.
        assertEquals("1/20", pageAndPerPage(PageRequest.of(1, -5).maxPerPage(50).errorOut(false).resolve(null)));
        // The fallback 20 is not capped again, exactly as in Flask.
        assertEquals("1/20", pageAndPerPage(PageRequest.of(1, 0).maxPerPage(10).errorOut(false).resolve(null)));
    }

    @Test
    void requestValuesAreReadAsPythonsIntReadsThem() {
        assertEquals(7, PageRequest.parseInt("7"));
        assertEquals(7, PageRequest.parseInt(" 7\t"));
        assertEquals(7, PageRequest.parseInt("+7"));
        assertEquals(-7, PageRequest.parseInt("-7"));
        assertEquals(7, PageRequest.parseInt("007"));
        assertEquals(1000, PageRequest.parseInt("1_000"));
        assertEquals(42, PageRequest.parseInt("\u0664\u0662"));
        assertNull(PageRequest.parseInt("1_000_"));
        assertNull(PageRequest.parseInt("7a"));
        assertNull(PageRequest.parseInt("2147483648"));
        assertEquals(Integer.MAX_VALUE, PageRequest.parseInt("2147483647"));
    }

    @Test
    void optionsAreImmutableAndKeepEachOther() {
        var base = PageRequest.fromRequest();
        var changed = base.page(3).perPage(9).maxPerPage(50).errorOut(false).count(false);

        assertNull(base.page());
        assertNull(base.perPage());
        assertNull(base.maxPerPage());
        assertTrue(base.errorOut());
        assertTrue(base.count());
        assertEquals(3, changed.page());
        assertEquals(9, changed.perPage());
        assertEquals(50, changed.maxPerPage());
        assertFalse(changed.errorOut());
        assertFalse(changed.count());
        assertEquals(changed, PageRequest.of(3, 9).maxPerPage(50).errorOut(false).count(false));
        assertEquals(changed.hashCode(), PageRequest.of(3, 9).maxPerPage(50).errorOut(false).count(false).hashCode());
        assertEquals("PageRequest[page=from request, perPage=from request, maxPerPage=null, errorOut=true, count=true]",
                base.toString());
    }

    @Test
    void resolvingKeepsEveryOtherOption() {
        var resolved = PageRequest.fromRequest().maxPerPage(50).errorOut(false).count(false)
                .resolve(request("page", "2"));

        assertEquals(PageRequest.of(2, 20).maxPerPage(50).errorOut(false).count(false), resolved);
    }
}

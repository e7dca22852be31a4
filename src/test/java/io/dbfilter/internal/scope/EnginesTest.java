package io.dbfilter.internal.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A running Database's binds by index and name, its listeners, and its closing, without a database. */
class EnginesTest {
    private final Journal journal = new Journal();

    /** Entity classes of the test: a bind maps Animal, and so Cat too. */
    static class Animal {
    }

    static class Cat extends Animal {
    }

    @Test
    void bindsAreNamedAndIndexedInOrderAfterTheDefaultBind() {
        Engines engines = journal.engines(List.of("analytics", "audit"));

        assertEquals(3, engines.size());
        assertEquals(List.of("analytics", "audit"), engines.binds());
        assertEquals(0, engines.index((String) null));
        assertEquals(1, engines.index("analytics"));
        assertEquals(2, engines.index("audit"));
        assertNull(engines.engine(0).bind());
        assertEquals("audit", engines.engine(2).bind());
        assertEquals("the default bind", engines.describe(0));
        assertEquals("bind 'audit'", engines.describe(2));
        assertEquals("test", engines.name());
    }

    @Test
    void anUnknownBindNameListsTheBindsAndSuggestsTheNearest() {
        Engines engines = journal.engines(List.of("analytics", "audit"));

        var error = assertThrows(IllegalArgumentException.class, () -> engines.index("analytic"));

        assertEquals("dbfilter: test has no bind named 'analytic'; its binds are analytics, audit (db.binds). Did you"
                + " mean analytics? Name a bind listed in db.binds; null, or Db.session() without a name, is the"
                + " default bind.", error.getMessage());
    }

    @Test
    void aBindNameWithoutBindsSaysThatNoneIsSet() {
        var error = assertThrows(IllegalArgumentException.class, () -> journal.engines().index("default"));

        assertEquals("dbfilter: test has no bind named 'default'; it has no binds at all (db.binds is not set). Name a"
                + " bind listed in db.binds; null, or Db.session() without a name, is the default bind.",
                error.getMessage());
    }

    @Test
    void anEntityBelongsToTheBindOfItsClassOrOfAnEntitySuperclass() {
        var engines = new Engines("test", List.of(), Map.of(Animal.class, 2, String.class, 0), List.of());

        assertEquals(2, engines.index(Animal.class));
        assertEquals(2, engines.index(Cat.class));
        assertEquals(0, engines.index(String.class));
    }

    @Test
    void aClassNoBindMapsIsAnErrorThatSaysHowToMapIt() {
        var engines = new Engines("test", List.of(), Map.of(Cat.class, 1), List.of());

        var error = assertThrows(IllegalArgumentException.class, () -> engines.index(Animal.class));
        var none = assertThrows(IllegalArgumentException.class, () -> engines.index((Class<?>) null));

        assertEquals("dbfilter: " + Animal.class.getName() + " is not an entity of test. List it in db.entities or"
                + " db.packages (or a bind's db.bind.<name>.entities or .packages), and annotate it @Entity.",
                error.getMessage());
        assertTrue(none.getMessage().startsWith("dbfilter: null is not an entity of test."), none.getMessage());
    }

    @Test
    void theListenerOfAKindIsTheFirstInstalledOrNull() {
        ScopeListener first = journal.listener("a");
        ScopeListener second = journal.listener("b");
        Engines engines = journal.engines(first, second);

        assertSame(first, engines.listener(ScopeListener.class));
        assertNull(engines.listener(Recording.class));
        assertEquals(2, engines.listeners().length);
    }

    /** A listener kind that no Database of these tests installs. */
    interface Recording extends ScopeListener {
    }

    @Test
    void startedAndClosingAreToldToEveryListenerInOrderAndTheBindsCloseAfterThem() {
        Engines engines = journal.engines(List.of("analytics"), journal.listener("a"), journal.listener("b"));

        assertEquals(List.of("a started", "b started"), journal.since(engines::started));
        assertEquals(List.of("a closing engines", "b closing engines", "close factory default",
                "close factory analytics"), journal.since(engines::close));
        assertTrue(engines.isClosed());
        assertEquals(List.of(), journal.since(engines::close));
    }

    @Test
    void closingGoesOnPastAFailingListenerAndThrowsItsFailure() {
        journal.failing.add("a closing engines");
        journal.failing.add("close factory default");
        Engines engines = journal.engines(List.of("analytics"), journal.listener("a"), journal.listener("b"));

        var error = assertThrows(RuntimeException.class, engines::close);

        assertEquals("a closing engines failed", error.getMessage());
        assertTrue(journal.events.containsAll(List.of("b closing engines", "close factory analytics")));
        assertTrue(engines.isClosed());
    }

    @Test
    void closingWithSessionsStillOpenWarnsWithTheirCount() {
        Engines engines = journal.engines();
        assertFalse(engines.isClosed());
        engines.createEntityManager(0);

        String log = Journal.log(engines::close);

        assertTrue(log.contains("dbfilter: test closes while 1 EntityManager(s) are still open; a scope was not"
                + " closed."), log);
    }

    @Test
    void closingWithNoSessionOpenDoesNotWarn() {
        Engines engines = journal.engines();
        engines.createEntityManager(0);
        engines.sessionClosed();

        assertEquals("", Journal.log(engines::close));
    }

    @Test
    void theFaceIsWhatWasRecorded() {
        Engines engines = journal.engines();
        Object face = new Object();

        assertNull(engines.face());
        engines.face(face);

        assertSame(face, engines.face());
    }
}

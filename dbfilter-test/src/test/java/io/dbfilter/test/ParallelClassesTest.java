package io.dbfilter.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.dbfilter.Database;
import io.dbfilter.Db;
import io.dbfilter.Scope;
import io.dbfilter.test.notes.Note;
import io.dbfilter.test.notes.NoteServlet;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Two test classes run at the same time (JUnit's parallel execution) on the same tables: each sees
 * its own committed rows, through its scopes and its requests, and never the other's. The classes
 * wait for each other at two points, so the check runs while both hold uncommitted rows.
 */
class ParallelClassesTest {
    static CyclicBarrier bothWrote;
    static CyclicBarrier bothCounted;

    static void sideBySide(Database db, TestServer server, String prefix) throws Exception {
        try (Scope scope = db.open()) {
            for (int i = 0; i < 3; i++) {
                Db.session().persist(new Note(prefix + i));
            }
            Db.commit();
        }
        bothWrote.await(30, TimeUnit.SECONDS);
        try {
            assertEquals(List.of(prefix + 0, prefix + 1, prefix + 2), server.get("/notes").body().lines().toList());
            try (Scope scope = db.open()) {
                assertEquals(3L, Db.session().createQuery("select count(n) from Note n", Long.class).getSingleResult());
            }
        } finally {
            bothCounted.await(30, TimeUnit.SECONDS);
        }
    }

    @DbTest(servlets = @DbTest.Route(path = "/notes", servlet = NoteServlet.class))
    @DbSettings("db.entities=io.dbfilter.test.notes.Note")
    static class Left {
        @Test
        void seesOnlyItsOwnRows(Database db, TestServer server) throws Exception {
            sideBySide(db, server, "left-");
        }
    }

    @DbTest(servlets = @DbTest.Route(path = "/notes", servlet = NoteServlet.class))
    @DbSettings("db.entities=io.dbfilter.test.notes.Note")
    static class Right {
        @Test
        void seesOnlyItsOwnRows(Database db, TestServer server) throws Exception {
            sideBySide(db, server, "right-");
        }
    }

    /** Derby gives each class a database of its own (the default); the servers share one schema. */
    @ParameterizedTest(name = "on {0}")
    @EnumSource(Servers.class)
    void twoClassesInParallelDoNotSeeEachOthersRows(Servers kind) throws Exception {
        bothWrote = new CyclicBarrier(2);
        bothCounted = new CyclicBarrier(2);
        Supplier<Events> run = () -> EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "2")
                .selectors(selectClass(Left.class), selectClass(Right.class))
                .execute().testEvents();
        if (kind == Servers.DERBY) {
            run.get().assertStatistics(stats -> stats.succeeded(2));
            return;
        }
        try (Servers.Place place = kind.fresh()) {
            try (Database tables = place.asSystemProperties(() -> Database.create(
                    java.util.Map.of("db.entities", Note.class.getName())))) {
                tables.createAll(); // once, before both classes ask for it at the same moment
            }
            place.asSystemProperties(run).assertStatistics(stats -> stats.succeeded(2));
            assertEquals(0, place.count("note"));
        }
    }
}

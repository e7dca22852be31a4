package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.hierarchy.Animal;
import io.dbfilter.hierarchy.Bike;
import io.dbfilter.hierarchy.Cat;
import io.dbfilter.hierarchy.Dog;
import io.dbfilter.hierarchy.Vehicle;
import java.util.HashSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Paging a query over an inheritance hierarchy, where EclipseLink may read one table at a time. */
class InheritancePagingTest {
    private static Database db;

    @BeforeAll
    static void createAnimalsAndVehicles() {
        var settings = TestDatabases.settings(SqlLog.SETTING);
        settings.put("db.packages", "io.dbfilter.hierarchy");
        db = Database.create(settings);
        db.createAll();
        try (var scope = db.open()) {
            for (int i = 1; i <= 30; i++) {
                String name = String.format("animal-%02d", i);
                Db.session().persist(i % 3 == 0 ? new Animal(name)
                        : i % 3 == 1 ? new Dog(name, true) : new Cat(name, 9));
            }
            for (long i = 1; i <= 10; i++) {
                Db.session().persist(i % 2 == 0 ? new Vehicle(i, "vehicle-" + i) : new Bike(i, "vehicle-" + i, 3));
            }
            Db.commit();
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void joinedHierarchyCountsEveryRowOfTheRoot() {
        try (var scope = db.open()) {
            assertEquals(30, PageChecks.assertEveryPageAddsUp(Db.session().createQuery(
                    "select a from Animal a order by a.name", Animal.class), 7).size());
        }
    }

    @Test
    void joinedHierarchyReadTableByTableIsStillCountedInOneStatement() {
        try (var scope = db.open()) {
            var query = Db.session().createQuery("select a from Animal a order by a.name", Animal.class)
                    .setHint("eclipselink.inheritance.outer-join", "false");
            // Unpaged, EclipseLink reads this table by table, so it orders by name within each class only.
            var all = new HashSet<>(query.getResultList());
            var paged = new HashSet<Animal>();
            for (int number = 1; number <= 5; number++) {
                SqlLog.clear();
                var page = Db.paginate(query, number, 7);
                paged.addAll(page.items());

                assertEquals(30L, page.total());
                // Read table by table, the count would be that of its class-indicator select: 3.
                assertEquals(number < 5 ? 2 : 1, SqlLog.statements().size(), SqlLog.statements().toString());
            }
            assertEquals(all, paged);
        }
    }

    @Test
    void subclassOfAJoinedHierarchy() {
        try (var scope = db.open()) {
            assertEquals(10, PageChecks.assertEveryPageAddsUp(Db.session().createQuery(
                    "select d from Dog d where d.goodBoy = true order by d.name", Dog.class), 3).size());
        }
    }

    @Test
    void tablePerClassRootIsRefused() {
        try (var scope = db.open()) {
            var error = assertThrows(IllegalArgumentException.class, () -> Db.paginate(Db.session().createQuery(
                    "select v from Vehicle v order by v.name", Vehicle.class), 1, 3));

            assertTrue(error.getMessage().startsWith("dbfilter: paginate cannot page Vehicle: EclipseLink reads a"
                    + " TABLE_PER_CLASS hierarchy"), error.getMessage());
        }
    }

    @Test
    void leafOfATablePerClassHierarchyPages() {
        try (var scope = db.open()) {
            assertEquals(5, PageChecks.assertEveryPageAddsUp(Db.session().createQuery(
                    "select b from Bike b order by b.name", Bike.class), 2).size());
        }
    }
}

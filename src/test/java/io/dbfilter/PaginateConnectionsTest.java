package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import io.dbfilter.model.User;
import jakarta.persistence.TypedQuery;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A page's rows and its count take one connection from the pool, as hand-written JDBC would, and
 * every path out of {@code Db.paginate} leaves none of them out of the pool.
 */
class PaginateConnectionsTest {
    private static final int USERS = 30;
    private static Database db;

    /** Counts the connections taken from the pool. */
    public static final class Taken implements UnaryOperator<DataSource> {
        static final AtomicInteger COUNT = new AtomicInteger();

        @Override
        public DataSource apply(DataSource pool) {
            return Wrapping.beforeGetConnection(pool, COUNT::incrementAndGet);
        }
    }

    @BeforeAll
    static void createUsers() {
        db = TestDatabases.create("db.dataSourceWrapper", Taken.class.getName());
        try (var scope = db.open()) {
            for (int i = 1; i <= USERS; i++) {
                Db.session().persist(new User(String.format("pinned-%02d", i)));
            }
            Db.commit();
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void countFromZero() {
        Taken.COUNT.set(0);
    }

    private static TypedQuery<User> users() {
        return Db.session().createQuery("select u from User u where u.username like 'pinned-%' order by u.username",
                User.class);
    }

    private static int inUse() {
        return ((HikariDataSource) db.dataSource()).getHikariPoolMXBean().getActiveConnections();
    }

    @Test
    void theRowsAndTheCountOfAPageTakeOneConnection() {
        try (var scope = db.open()) {
            var page = Db.paginate(users(), 1, 10);

            assertEquals(30L, page.total());
            assertEquals(1, Taken.COUNT.get());
            assertEquals(0, inUse());
        }
    }

    @Test
    void twoPagesTakeTwoConnections() {
        try (var scope = db.open()) {
            Db.paginate(users(), 1, 10);
            Db.paginate(users(), 2, 10);

            assertEquals(2, Taken.COUNT.get());
            assertEquals(0, inUse());
        }
    }

    @Test
    void aPagePastTheEndGivesItsConnectionBack() {
        try (var scope = db.open()) {
            assertThrows(NotFoundException.class, () -> Db.paginate(users(), 9, 10));

            assertEquals(0, inUse());
        }
    }

    @Test
    void aPageAfterAChangeReadsInTheTransactionItsFlushBeganAndTheCommitKeepsBoth() {
        try (var scope = db.open()) {
            Db.session().persist(new User("pinned-31"));

            var page = Db.paginate(users(), 4, 10);

            assertEquals(31L, page.total());
            assertEquals("pinned-31", page.items().get(0).getUsername());
            Db.commit();
            assertEquals(0, inUse());
        }
        try (var scope = db.open()) {
            assertEquals(31L, Db.paginate(users(), 1, 10).total());
            Db.session().remove(Db.session().createQuery("select u from User u where u.username = 'pinned-31'",
                    User.class).getSingleResult());
            Db.commit();
        }
    }
}

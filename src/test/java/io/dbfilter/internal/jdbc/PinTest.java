package io.dbfilter.internal.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A pin lends the connection given back to it again instead of taking another from the pool, never
 * lends one still in use, never lends one source's connection for another, and returns what it
 * kept when it closes.
 */
class PinTest {
    /** A source of numbered connections that notes each connection taken and each really closed. */
    private static final class Source {
        final List<String> events = new ArrayList<>();
        final DataSource dataSource;
        private int taken;

        Source(String name) {
            dataSource = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                        String connection = name + (++taken);
                        events.add("take " + connection);
                        return connection(connection);
                    });
        }

        private Connection connection(String name) {
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "close" -> events.add("close " + name) ? null : null;
                        case "toString" -> name;
                        case "isClosed" -> false;
                        default -> null;
                    });
        }
    }

    @Test
    void twoStatementsOneAfterTheOtherShareOneConnection() throws SQLException {
        var pool = new Source("c");
        try (Pin pin = Pin.open()) {
            Pin.current().lend(pool.dataSource).close();
            Pin.current().lend(pool.dataSource).close();
            assertEquals(List.of("take c1"), pool.events);
        }
        assertEquals(List.of("take c1", "close c1"), pool.events);
        assertEquals(null, Pin.current());
    }

    @Test
    void aConnectionStillInUseIsNeverLentTwice() throws SQLException {
        var pool = new Source("c");
        try (Pin pin = Pin.open()) {
            Connection first = Pin.current().lend(pool.dataSource);
            Connection second = Pin.current().lend(pool.dataSource);
            assertNotSame(first, second);
            second.close();
            first.close();
        }
        assertEquals(List.of("take c1", "take c2", "close c1", "close c2"), pool.events);
    }

    @Test
    void aConnectionOfOneSourceIsNotLentForAnother() throws SQLException {
        var primary = new Source("p");
        var other = new Source("o");
        try (Pin pin = Pin.open()) {
            Pin.current().lend(primary.dataSource).close();
            Pin.current().lend(other.dataSource).close();
        }
        assertEquals(List.of("take p1", "close p1"), primary.events);
        assertEquals(List.of("take o1", "close o1"), other.events);
    }

    @Test
    void aLentConnectionClosedTwiceIsGivenBackOnceAndRefusesWork() throws SQLException {
        var pool = new Source("c");
        try (Pin pin = Pin.open()) {
            Connection lent = Pin.current().lend(pool.dataSource);
            lent.close();
            lent.close();
            assertTrue(lent.isClosed());
            assertThrows(SQLException.class, () -> lent.prepareStatement("SELECT 1"));
        }
        assertEquals(List.of("take c1", "close c1"), pool.events);
    }

    @Test
    void aPinWithinAPinLeavesTheOuterOneInCharge() throws SQLException {
        var pool = new Source("c");
        try (Pin outer = Pin.open()) {
            try (Pin inner = Pin.open()) {
                Pin.current().lend(pool.dataSource).close();
            }
            assertFalse(pool.events.contains("close c1"), "the inner pin returned the outer one's connection");
            Pin.current().lend(pool.dataSource).close();
        }
        assertEquals(List.of("take c1", "close c1"), pool.events);
    }

    @Test
    void aConnectionGivenBackAfterThePinClosedGoesToThePool() throws SQLException {
        var pool = new Source("c");
        Connection lent;
        try (Pin pin = Pin.open()) {
            lent = Pin.current().lend(pool.dataSource);
        }
        lent.close();
        assertEquals(List.of("take c1", "close c1"), pool.events);
    }
}

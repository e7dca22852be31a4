package io.dbfilter.internal.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The switch hands the armed thread's next connection out with its transaction's demarcation
 * turned into nothing, and only that one; a harness's redirected connection never.
 */
class SingleUpdateTest {
    private final List<String> calls = new ArrayList<>();
    private final HikariDataSource pool = new HikariDataSource();

    @AfterEach
    void clear() {
        SingleUpdate.disarm();
        pool.close();
    }

    private Connection recording() {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    calls.add(method.getName() + (args == null ? "" : "(" + args[0] + ")"));
                    return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
                });
    }

    private DataSource source() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> method.getName().equals("getConnection") ? recording() : null);
    }

    private static void transaction(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        connection.prepareStatement("UPDATE person SET email = ? WHERE id = ?");
        connection.commit();
        connection.rollback();
        connection.setAutoCommit(true);
        connection.close();
    }

    @Test
    void theArmedThreadsNextConnectionSendsOnlyItsStatementAndItsClose() throws SQLException {
        ConnectionSwitch connections = ConnectionSwitch.over(pool, source());
        SingleUpdate.arm();

        Connection single = connections.getConnection();
        single.setAutoCommit(false);
        assertFalse(single.getAutoCommit(), "the caller sees what it set");
        transaction(single);

        assertEquals(List.of("prepareStatement(UPDATE person SET email = ? WHERE id = ?)", "close"), calls);
    }

    @Test
    void onlyOneConnectionTakesTheArm() throws SQLException {
        ConnectionSwitch connections = ConnectionSwitch.over(pool, source());
        SingleUpdate.arm();
        connections.getConnection().close();
        calls.clear();

        transaction(connections.getConnection());

        assertEquals(List.of("setAutoCommit(false)", "prepareStatement(UPDATE person SET email = ? WHERE id = ?)",
                "commit", "rollback", "setAutoCommit(true)", "close"), calls);
    }

    @Test
    void aDisarmedThreadGetsPlainConnections() throws SQLException {
        ConnectionSwitch connections = ConnectionSwitch.over(pool, source());
        SingleUpdate.arm();
        SingleUpdate.disarm();

        transaction(connections.getConnection());

        assertTrue(calls.contains("commit"), calls::toString);
        assertFalse(SingleUpdate.take());
    }

    @Test
    void aRedirectedConnectionKeepsItsTransactionAndUsesUpTheArm() throws SQLException {
        ConnectionSwitch connections = ConnectionSwitch.over(pool, source());
        Connection harness = recording();
        connections.redirect((DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> harness));
        SingleUpdate.arm();

        assertSame(harness, connections.getConnection());
        assertFalse(SingleUpdate.take(), "the arm is gone with the connection it was meant for");
    }
}

package io.dbfilter.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.Database;
import io.dbfilter.internal.jdbc.ConnectionSwitch;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the messages of the shared connection say: who holds it when another scope gives up
 * waiting, and that a test ended while a scope still held it.
 */
class SharedTransactionTest {
    private Database db;

    @BeforeEach
    void start() {
        db = Database.create(Map.of("db.url", "jdbc:derby:memory:shared-transaction;create=true",
                "db.entities", "io.dbfilter.test.notes.Note"));
    }

    @AfterEach
    void stop() {
        db.close();
    }

    @Test
    void aScopeThatWaitsTooLongIsToldWhichThreadHoldsTheConnection() throws Exception {
        SharedTransaction transaction = SharedTransaction.begin(db.dataSource(), 200);
        var held = new CountDownLatch(1);
        var done = new CountDownLatch(1);
        var holder = new Thread(() -> {
            try (Connection connection = transaction.getConnection()) {
                held.countDown();
                done.await(10, TimeUnit.SECONDS);
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, "the holder");
        holder.start();
        try {
            assertTrue(held.await(10, TimeUnit.SECONDS));
            var refused = assertThrows(SQLException.class, transaction::getConnection);

            assertTrue(refused.getMessage().contains("held by thread 'the holder'"), refused.getMessage());
            assertTrue(refused.getMessage().contains("Commit (Db.commit()) or close the test's own scope"),
                    refused.getMessage());
        } finally {
            done.countDown();
            holder.join();
        }
        assertNull(transaction.rollBack(), "the holder had let go");
    }

    @Test
    void endingWhileAnotherThreadHoldsTheConnectionSaysSoAndStillRollsBack() throws Exception {
        SharedTransaction transaction = SharedTransaction.begin(db.dataSource(), 200);
        Connection held = CompletableFuture.supplyAsync(() -> {
            try {
                return transaction.getConnection();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }).get(10, TimeUnit.SECONDS);

        assertEquals(false, held.isClosed());

        String unclean = transaction.rollBack();

        assertTrue(unclean != null && unclean.contains("a scope still held the test's connection"), unclean);
        assertEquals(false, ConnectionSwitch.of(db.dataSource()).isRedirected(), "the bind still points at the test");
    }
}

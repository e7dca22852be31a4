package io.dbfilter.test;

import io.dbfilter.Database;
import io.dbfilter.internal.config.Key;
import io.dbfilter.internal.config.Settings;
import io.dbfilter.internal.scope.RequestInfo;
import io.dbfilter.internal.scope.ThreadScope;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * What a {@link DbTest} class has for its whole run: its Database, built and given its tables
 * once, the application on Jetty when the class asks for it, and the test that currently runs in
 * the shared transaction (one at a time: a transaction cannot serve two tests).
 */
final class ClassDatabase implements AutoCloseable {
    final Class<?> testClass;
    final Database database;
    final TestServer server;
    private final long waitMillis;
    private final Semaphore oneTestAtATime = new Semaphore(1, true);
    private final List<SharedTransaction> running = new ArrayList<>();
    private static final RequestInfo TEST_END = new RequestInfo() {
        @Override
        public String label() {
            return "the test";
        }

        @Override
        public boolean isResponseCommitted() {
            return false;
        }

        @Override
        public String parameter(String name) {
            return null;
        }
    };

    private ClassDatabase(Class<?> testClass, Database database, TestServer server, long waitMillis) {
        this.testClass = testClass;
        this.database = database;
        this.server = server;
        this.waitMillis = waitMillis;
    }

    static ClassDatabase start(Class<?> testClass) throws Exception {
        DbTest config = TestSettings.find(testClass, DbTest.class);
        WebApp webApp = config == null || config.webApp().isEmpty() ? null : WebApp.of(config.webApp(), testClass);
        DbTest.Route[] routes = config == null ? new DbTest.Route[0] : config.servlets();
        Map<String, String> settings = TestSettings.of(testClass, webApp);
        Database database = Database.create(settings);
        try {
            if (createsTables(settings)) {
                database.createAll();
            }
            TestServer server = webApp != null || routes.length > 0 ? TestServer.start(database, webApp, routes) : null;
            return new ClassDatabase(testClass, database, server, config == null ? 10_000 : config.connectionWaitMillis());
        } catch (Exception | Error e) {
            database.close();
            throw e;
        }
    }

    /**
     * {@code db.createAll=false} (an application that migrates, say) leaves the tables to the
     * application; read as the library reads it, so a system property or DB_CREATEALL wins.
     */
    private static boolean createsTables(Map<String, String> settings) {
        return Settings.resolve(settings, "setting", Map.of(), System.getProperties(), System.getenv())
                .flag(Key.CREATE_ALL);
    }

    /** Waits for the class's previous test, then sends every bind's scopes into a new transaction. */
    void beginTest() throws SQLException, InterruptedException {
        oneTestAtATime.acquire();
        try {
            running.add(SharedTransaction.begin(database.dataSource(), waitMillis));
            for (String bind : database.binds()) {
                running.add(SharedTransaction.begin(database.dataSource(bind), waitMillis));
            }
        } catch (SQLException | RuntimeException e) {
            endTest();
            throw e;
        }
    }

    /**
     * Rolls every bind back, whatever the test did.
     *
     * @return null, or why the end was not clean
     */
    String endTest() throws SQLException {
        var problems = new ArrayList<String>();
        SQLException failure = null;
        try {
            if (ThreadScope.current() != null) {
                // Left bound, it would hold the connection past the rollback, and the next test on
                // this thread would join it.
                ThreadScope.endLeftovers(TEST_END, true);
                problems.add("the test ended with a scope still open on its thread (the warning above says where it"
                        + " was opened); its work was rolled back. Close every Database.open() in a try-with-resources"
                        + " block");
            }
            for (SharedTransaction transaction : running) {
                try {
                    String problem = transaction.rollBack();
                    if (problem != null) {
                        problems.add(problem);
                    }
                } catch (SQLException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
        } finally {
            running.clear();
            oneTestAtATime.release();
        }
        if (failure != null) {
            throw failure;
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    @Override
    public void close() throws Exception {
        try {
            if (server != null) {
                server.stop();
            }
        } finally {
            database.close();
        }
    }
}

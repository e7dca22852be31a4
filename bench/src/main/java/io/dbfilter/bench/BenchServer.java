package io.dbfilter.bench;

import io.dbfilter.Database;
import io.dbfilter.Db;
import io.dbfilter.DbBootstrapListener;
import io.dbfilter.DbFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.eclipse.jetty.util.thread.VirtualThreadPool;

/**
 * The server under test, run by {@link Bench} in a JVM of its own: one embedded Jetty on loopback,
 * one {@link Database} (so one HikariCP pool) shared by the library servlets under {@code /lib/}
 * and their JDBC twins under {@code /raw/} ({@link Endpoints}, {@link OrmEndpoints}). It seeds
 * {@value #SEEDED} persons with {@value #POSTS_EACH} posts each,
 * prints {@code bench server: port <port> ids <first> <last> java <version> threads <kind>}, and
 * serves until its standard input closes; then it stops and removes its database (a temporary Derby
 * folder, or the PostgreSQL schema {@value #SCHEMA} of the database {@code test}).
 *
 * <p>{@code bench.threads=virtual} serves every request on a virtual thread of its own (Jetty's
 * {@code VirtualThreadPool}, Java 21 or later); {@code platform}, the default, on Jetty's usual
 * pool of platform threads.
 */
public final class BenchServer {
    static final int SEEDED = 10_000;
    static final int POSTS_EACH = 10;
    static final String SCHEMA = "dbfilter_bench";
    private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

    private BenchServer() {
    }

    public static void main(String[] args) throws Exception {
        boolean postgres = "postgres".equals(System.getProperty("bench.db", "derby"));
        Path folder = Files.createTempDirectory("dbfilter-bench");
        String url;
        if (postgres) {
            schema("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE", "CREATE SCHEMA " + SCHEMA);
            url = POSTGRES + "?currentSchema=" + SCHEMA;
        } else {
            System.setProperty("derby.stream.error.file", folder.resolve("derby.log").toString());
            url = "jdbc:derby:" + folder.resolve("bench") + ";create=true";
        }
        String threads = System.getProperty("bench.threads", "platform");
        String replica = replicaUrl(postgres, url);
        Server server = start(url, postgres ? "postgres" : null, replica, threadPool(threads));
        try {
            var context = (ServletContextHandler) ((ContextHandlerCollection) server.getHandler()).getHandlers().get(0);
            long[] ids = seed(DbFilter.database(context.getServletContext()));
            if (postgres) {
                awaitReplay(replica, ids[1]);
            }
            System.out.println("bench server: pair (r) reads on the replica " + replica.replaceAll("\\?.*", "")
                    + (replica.equals(url) ? " (the primary itself: no standby answers on 127.0.0.1:5433)" : ""));
            System.out.println("bench server: port " + ((ServerConnector) server.getConnectors()[0]).getLocalPort()
                    + " ids " + ids[0] + " " + ids[1] + " java " + Runtime.version() + " threads " + threads);
            System.out.flush();
            while (System.in.read() >= 0) {
                // Runs until the harness closes our standard input (or exits).
            }
        } finally {
            server.stop();
            if (postgres) {
                schema("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static ThreadPool threadPool(String threads) {
        return switch (threads) {
            case "platform" -> new QueuedThreadPool();
            case "virtual" -> {
                if (Runtime.version().feature() < 21) {
                    throw new IllegalArgumentException("bench.threads=virtual needs a Java 21 or later server;"
                            + " set bench.serverJava to such a JDK. This server runs on Java " + Runtime.version());
                }
                yield new VirtualThreadPool();
            }
            default -> throw new IllegalArgumentException("bench.threads: platform or virtual, not " + threads);
        };
    }

    /**
     * Where the replica pair's second Database reads: on PostgreSQL the local standby of
     * {@code .ci/standby.sh} on port 5433 when one answers, else the same server; on Derby the same
     * database. The pair measures what routing
     * costs, not what a second server gains: on one machine there is nothing to gain.
     */
    private static String replicaUrl(boolean postgres, String url) {
        String standby = url.replace("127.0.0.1:5432", "127.0.0.1:5433");
        if (!postgres) {
            return url;
        }
        try (Connection connection = DriverManager.getConnection(standby + "&connectTimeout=2", "postgres", "")) {
            return standby;
        } catch (SQLException none) {
            return url;
        }
    }

    /** Waits until the replica has the seeded rows: a standby replays the seed a moment after the primary. */
    private static void awaitReplay(String replica, long lastId) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Connection connection = DriverManager.getConnection(replica, "postgres", "");
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM post WHERE author_id = " + lastId)) {
                if (rows.next() && rows.getLong(1) == POSTS_EACH) {
                    return;
                }
            } catch (SQLException notYet) {
                // The schema itself may not be replayed yet.
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the replica " + replica + " did not replay the seed within 2 minutes");
    }

    private static Server start(String url, String user, String replica, ThreadPool threads) throws Exception {
        var server = new Server(threads);
        var connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        var context = new ServletContextHandler();
        context.setContextPath("/");
        var filter = new FilterHolder(DbFilter.class);
        filter.setInitParameter("db.url", url);
        if (user != null) {
            filter.setInitParameter("db.user", user);
        }
        filter.setInitParameter("db.entities", String.join(",", Person.class.getName(), Post.class.getName(),
                Entry.class.getName()));
        boolean metrics = Boolean.getBoolean("bench.metrics");
        if (metrics) {
            filter.setInitParameter("db.metrics", "true");
        }
        context.addFilter(filter, "/lib/*", EnumSet.of(DispatcherType.REQUEST));
        context.addEventListener(new DbBootstrapListener());
        context.addFilter(new FilterHolder(new Endpoints.PassFilter()), "/pass/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new Endpoints.Hello()), "/lib/hello");
        context.addServlet(new ServletHolder(new Endpoints.Hello()), "/raw/hello");
        context.addServlet(new ServletHolder(new Endpoints.Hello()), "/pass/hello");
        context.addServlet(new ServletHolder(new Endpoints.LibFind()), "/lib/find");
        context.addServlet(new ServletHolder(new Endpoints.RawFind()), "/raw/find");
        context.addServlet(new ServletHolder(new Endpoints.LibPage()), "/lib/page");
        context.addServlet(new ServletHolder(new Endpoints.RawPage()), "/raw/page");
        context.addServlet(new ServletHolder(new Endpoints.LibCreate()), "/lib/create");
        context.addServlet(new ServletHolder(new Endpoints.RawCreate()), "/raw/create");
        context.addServlet(new ServletHolder(new OrmEndpoints.LibPosts()), "/lib/posts");
        context.addServlet(new ServletHolder(new OrmEndpoints.RawPosts()), "/raw/posts");
        context.addServlet(new ServletHolder(new OrmEndpoints.LibUpdate()), "/lib/update");
        context.addServlet(new ServletHolder(new OrmEndpoints.RawUpdate()), "/raw/update");
        context.addServlet(new ServletHolder(new OrmEndpoints.LibInserts()), "/lib/inserts");
        context.addServlet(new ServletHolder(new OrmEndpoints.RawInserts()), "/raw/inserts");
        context.addServlet(new ServletHolder(new JitTime()), "/control/jit");
        context.addServlet(new ServletHolder(new CpuTime()), "/control/cpu");
        context.addServlet(new ServletHolder(new Reset()), "/control/reset");
        server.setHandler(new ContextHandlerCollection(context, replicaContext(url, user, replica)));
        server.start();
        if (metrics) {
            // The library's meters in the registry an application would scrape: what bench.metrics weighs.
            DbFilter.database(context.getServletContext()).recordMetrics(new PrometheusMeterRegistry(
                    PrometheusConfig.DEFAULT));
        }
        return server;
    }

    /**
     * Pair (r): the page of 20 of {@code /lib/page} again, under {@code /rep}, through a Database of its
     * own with {@code db.replica.url}: every statement of the page goes through the replica router.
     */
    private static ServletContextHandler replicaContext(String url, String user, String replica) {
        var context = new ServletContextHandler();
        context.setContextPath("/rep");
        var filter = new FilterHolder(DbFilter.class);
        filter.setInitParameter("db.url", url);
        filter.setInitParameter("db.replica.url", replica);
        if (user != null) {
            filter.setInitParameter("db.user", user);
        }
        filter.setInitParameter("db.entities", String.join(",", Person.class.getName(), Post.class.getName(),
                Entry.class.getName()));
        filter.setInitParameter("db.createAll", "false");
        context.addFilter(filter, "/lib/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new Endpoints.LibPage()), "/lib/page");
        return context;
    }

    /** Seeds through the library, as an application would, and returns the first and last id. */
    private static long[] seed(Database database) throws SQLException {
        for (int batch = 0; batch < SEEDED / 500; batch++) {
            try (var scope = database.open()) {
                for (int i = batch * 500; i < (batch + 1) * 500; i++) {
                    // Usernames in another order than ids, so a page is not a range of ids.
                    String username = String.format("u%08x", (i * 2654435761L) & 0xffffffffL);
                    Db.session().persist(new Person(username, username + "@example.com"));
                }
                Db.commit();
            }
        }
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet range = statement.executeQuery("SELECT MIN(id), MAX(id), COUNT(*) FROM person")) {
            range.next();
            long first = range.getLong(1);
            long last = range.getLong(2);
            if (last - first + 1 != range.getLong(3)) {
                throw new IllegalStateException("seeded ids are not contiguous: " + first + ".." + last);
            }
            seedPosts(connection, first);
            return new long[] {first, last};
        }
    }

    /**
     * {@value #POSTS_EACH} posts to a person for pair (e), by JDBC batches: a hundred thousand rows
     * through the library would take longer than the measured runs. The post ids are not the
     * sequence's, which is fine: no run creates posts.
     */
    private static void seedPosts(Connection connection, long firstPerson) throws SQLException {
        connection.setAutoCommit(false);
        try (var insert = connection.prepareStatement("INSERT INTO post (id, title, author_id) VALUES (?, ?, ?)")) {
            for (int i = 0; i < SEEDED * POSTS_EACH; i++) {
                insert.setLong(1, i + 1);
                insert.setString(2, "post " + i);
                insert.setLong(3, firstPerson + i % SEEDED);
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        if (connection.getMetaData().getDatabaseProductName().startsWith("PostgreSQL")) {
            // Derby indexes a foreign key by itself; PostgreSQL does not, and an application would.
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE INDEX post_author ON post (author_id)");
                statement.execute("ANALYZE");
            }
        }
        connection.commit();
        connection.setAutoCommit(true);
    }

    private static void schema(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(POSTGRES, "postgres", null);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /**
     * POST: deletes the rows that creates added, so that every round finds and pages the same
     * {@value #SEEDED} rows; a run of creates would otherwise grow the table several times over.
     * On PostgreSQL it then vacuums: a second of (h) leaves some 70,000 dead row versions in
     * {@code person} and one of (g) a dead version of most rows, which autovacuum on a busy machine
     * does not clear between runs, and every later count and page scanned them (the page of 20
     * went from 670 to 100 requests a second over ten rounds, for both variants).
     */
    static final class Reset extends Endpoints.Jdbc {
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            try (Connection connection = pool().getConnection();
                    var delete = connection.prepareStatement("DELETE FROM person WHERE id > ?");
                    var entries = connection.prepareStatement("DELETE FROM entry")) {
                delete.setLong(1, Long.parseLong(request.getParameter("above")));
                response.getWriter().print(delete.executeUpdate() + entries.executeUpdate());
                if (connection.getMetaData().getDatabaseProductName().equals("PostgreSQL")) {
                    try (var vacuum = connection.createStatement()) {
                        vacuum.execute("VACUUM person, entry");
                    }
                }
            } catch (SQLException e) {
                throw new IOException(e);
            }
        }
    }

    /** The JIT's total compilation time, so that the harness can see when the warm-up is done. */
    static final class JitTime extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().print(ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
        }
    }

    /**
     * The CPU time this process has used so far, in nanoseconds, read before and after each run:
     * what a request costs the server, whatever share of the cores the client took meanwhile.
     */
    static final class CpuTime extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().print(((com.sun.management.OperatingSystemMXBean) ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime());
        }
    }
}

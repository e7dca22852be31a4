package io.dbfilter.internal.jdbc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What dbfilter does for an embedded Derby database: the default one in the {@code instance/}
 * folder, keeping {@code derby.log} out of the working directory, and shutting the database down
 * when the last Database using it closes, so the next boot needs no log recovery.
 */
public final class EmbeddedDerby {
    private static final Logger LOG = LoggerFactory.getLogger("io.dbfilter.Database");
    private static final Map<String, Integer> USERS = new ConcurrentHashMap<>();
    /** Whether this class loader's Derby engine has booted a database. */
    private static volatile boolean booted;

    private EmbeddedDerby() {
    }

    /** The URL used when {@code db.url} is not set: a database in {@code instance/app}, created on first use. */
    public static String defaultUrl() {
        Path folder = Path.of("instance").toAbsolutePath();
        return "jdbc:derby:" + folder.resolve("app") + ";create=true";
    }

    /**
     * Points Derby's own log into {@code instance/} unless the application chose a place for it;
     * Derby reads these properties once, when it first boots.
     */
    public static void placeLog() {
        if (System.getProperty("derby.stream.error.file") == null
                && System.getProperty("derby.stream.error.field") == null
                && System.getProperty("derby.stream.error.method") == null) {
            Path log = Path.of("instance", "derby.log").toAbsolutePath();
            try {
                // Derby does not create the folder; without it the log would go to standard error.
                Files.createDirectories(log.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("dbfilter: cannot create the folder " + log.getParent(), e);
            }
            System.setProperty("derby.stream.error.file", log.toString());
        }
    }

    public static void opened(JdbcUrl url) {
        USERS.merge(url.derbyName(), 1, Integer::sum);
        booted = true;
    }

    /**
     * Lets a web application's class loader go when the application stops: stops the Derby engine
     * and deregisters the JDBC drivers, but only when dbfilter itself was loaded by that
     * application (from {@code WEB-INF/lib}). Otherwise the engine and drivers belong to the
     * container or the JVM and outlive the application.
     *
     * @param application the stopping web application's class loader
     */
    public static void releaseWithWebApplication(ClassLoader application) {
        ClassLoader own = EmbeddedDerby.class.getClassLoader();
        if (own != application || !USERS.isEmpty()) {
            return;
        }
        if (booted) {
            booted = false;
            try {
                DriverManager.getConnection("jdbc:derby:;shutdown=true").close();
            } catch (SQLException e) {
                // XJ015 is how Derby reports that its engine stopped, by design.
                if (!"XJ015".equals(e.getSQLState())) {
                    LOG.warn("dbfilter: could not stop the Derby engine: {}", e.getMessage());
                }
            }
        }
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() == own) {
                try {
                    DriverManager.deregisterDriver(driver);
                } catch (SQLException e) {
                    LOG.warn("dbfilter: could not deregister the JDBC driver {}: {}", driver.getClass().getName(),
                            e.getMessage());
                }
            }
        }
    }

    /**
     * Shuts the database down when no other open Database uses it. An in-memory database is
     * dropped, as an in-memory database is expected to be gone with the application.
     */
    public static void closed(JdbcUrl url, String user, String password) {
        String name = url.derbyName();
        if (USERS.merge(name, -1, (a, b) -> a + b == 0 ? null : a + b) != null) {
            return;
        }
        var credentials = new Properties();
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        String action = url.isMemoryDerby() ? ";drop=true" : ";shutdown=true";
        try {
            DriverManager.getConnection("jdbc:derby:" + name + action, credentials).close();
        } catch (SQLException e) {
            // Derby reports a successful shutdown or drop as this error, by design.
            if (!"08006".equals(e.getSQLState())) {
                LOG.warn("dbfilter: could not shut down the Derby database {}: {}", name, e.getMessage());
            }
        }
    }
}

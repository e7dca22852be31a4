package io.dbfilter.internal.jdbc;

import io.dbfilter.platform.MariaDbPlatform;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * A checked {@code db.url}: what database it names, which driver takes it, which EclipseLink
 * platform fits it, and how to print it without its password.
 */
public final class JdbcUrl {
    // SQL Server braces a value that holds ; or }: password={a;b}.
    private static final Pattern BRACED_SECRET = Pattern.compile("(?i)\\b(password|pwd|passwd)=\\{(?:[^}]|}})*}");
    private static final Pattern SECRET = Pattern.compile("(?i)\\b(password|pwd|passwd)=[^;&,)\\s]*");
    private static final Pattern USER_INFO = Pattern.compile("//([^/@:]*):[^/@]*@");
    // Oracle's thin driver: jdbc:oracle:thin:scott/tiger@host:1521/service.
    private static final Pattern ORACLE_USER = Pattern.compile("(?i)(jdbc:oracle:[a-z0-9]+:)([^/@:;]*)/[^@]*@");
    private static final Map<String, String> PLATFORMS = Map.of(
            "derby", "Derby",
            "postgresql", "PostgreSQL10",
            "mariadb", MariaDbPlatform.class.getName(),
            "mysql", "MySQL",
            "h2", "org.eclipse.persistence.platform.database.H2Platform",
            "hsqldb", "HSQL",
            "sqlserver", "SQLServer",
            "oracle", "Oracle",
            "db2", "DB2");
    private static final Map<String, String> ARTIFACTS = Map.of(
            "derby", "org.apache.derby:derby and org.apache.derby:derbyshared 10.16.1.1",
            "postgresql", "org.postgresql:postgresql",
            "mariadb", "org.mariadb.jdbc:mariadb-java-client",
            "mysql", "com.mysql:mysql-connector-j (or the MariaDB driver with a jdbc:mariadb: URL)",
            "h2", "com.h2database:h2");

    private final String url;
    private final String subprotocol;

    private JdbcUrl(String url, String subprotocol) {
        this.url = url;
        this.subprotocol = subprotocol;
    }

    /** Checks the URL's shape; {@code described} names the setting in the error. */
    public static JdbcUrl parse(String url, String described) {
        int colon = url.indexOf(':', 5);
        if (!url.startsWith("jdbc:") || colon < 0 || colon == 5) {
            throw new IllegalArgumentException("dbfilter: " + described + " is not a JDBC URL: '" + redact(url)
                    + "'. It must look like jdbc:<database>:<where>, for example"
                    + " jdbc:derby:memory:app;create=true or jdbc:postgresql://127.0.0.1:5432/app.");
        }
        return new JdbcUrl(url, url.substring(5, colon).toLowerCase(Locale.ROOT));
    }

    public String url() {
        return url;
    }

    /** The URL with any password in it replaced by stars, for logs and messages. */
    public String redacted() {
        return redact(url);
    }

    public static String redact(String url) {
        String hidden = BRACED_SECRET.matcher(url).replaceAll("$1=****");
        hidden = SECRET.matcher(hidden).replaceAll("$1=****");
        hidden = ORACLE_USER.matcher(hidden).replaceAll("$1$2/****@");
        return USER_INFO.matcher(hidden).replaceAll("//$1:****@");
    }

    /**
     * {@code text} with every whole occurrence of {@code secret} replaced by stars: a short
     * password ("e") is hidden where it stands alone, not in every word that contains the letter,
     * which would give it away.
     *
     * @param text   a message
     * @param secret the password, or null
     * @return the message without the password
     */
    public static String hide(String text, String secret) {
        if (secret == null || secret.isEmpty()) {
            return text;
        }
        return Pattern.compile("(?<![\\p{Alnum}])" + Pattern.quote(secret) + "(?![\\p{Alnum}])").matcher(text)
                .replaceAll("****");
    }

    /** The database the URL names, as its subprotocol: {@code derby}, {@code postgresql}, {@code mariadb}, ... */
    public String database() {
        return subprotocol;
    }

    /** The EclipseLink target database for this URL, or null to let EclipseLink detect it. */
    public String platform() {
        return PLATFORMS.get(subprotocol);
    }

    public boolean isEmbeddedDerby() {
        return subprotocol.equals("derby") && !url.startsWith("jdbc:derby://");
    }

    public boolean isMemoryDerby() {
        return isEmbeddedDerby() && url.startsWith("jdbc:derby:memory:");
    }

    /** The Derby database name: the URL without {@code jdbc:derby:} and without its attributes. */
    public String derbyName() {
        String rest = url.substring("jdbc:derby:".length());
        int semicolon = rest.indexOf(';');
        return semicolon < 0 ? rest : rest.substring(0, semicolon);
    }

    /**
     * The class name of a driver that accepts this URL. Looks in {@link DriverManager} and through
     * {@link ServiceLoader} with {@code loader}, because a driver inside a web application is not
     * always registered with the DriverManager that the container's class loader sees.
     */
    public String driverClassName(ClassLoader loader, String described) {
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (accepts(driver)) {
                return driver.getClass().getName();
            }
        }
        for (Driver driver : ServiceLoader.load(Driver.class, loader)) {
            if (accepts(driver)) {
                return driver.getClass().getName();
            }
        }
        String artifact = ARTIFACTS.getOrDefault(subprotocol, "the JDBC driver of that database");
        throw new IllegalArgumentException("dbfilter: no JDBC driver on the classpath accepts " + described + "='"
                + redacted() + "'. Add " + artifact + " to the application's dependencies (WEB-INF/lib in a"
                + " war), or check the spelling of 'jdbc:" + subprotocol + ":'.");
    }

    private boolean accepts(Driver driver) {
        try {
            return driver.acceptsURL(url);
        } catch (SQLException e) {
            return false;
        }
    }
}

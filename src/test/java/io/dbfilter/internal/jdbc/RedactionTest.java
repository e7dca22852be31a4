package io.dbfilter.internal.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No password survives in a printed URL or message, in every URL form of the databases EclipseLink names. */
class RedactionTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "jdbc:derby:memory:app;user=app;password=S3cr3t-x;create=true",
        "jdbc:derby://127.0.0.1:1527/app;user=app;password=S3cr3t-x",
        "jdbc:postgresql://127.0.0.1:5432/app?user=app&password=S3cr3t-x&ssl=true",
        "jdbc:postgresql://app:S3cr3t-x@127.0.0.1:5432/app",
        "jdbc:mariadb://127.0.0.1:3306/app?user=app&password=S3cr3t-x",
        "jdbc:mysql://app:S3cr3t-x@127.0.0.1:3306/app",
        "jdbc:mysql://(host=127.0.0.1,port=3306,user=app,password=S3cr3t-x)/app",
        "jdbc:oracle:thin:app/S3cr3t-x@127.0.0.1:1521:orcl",
        "jdbc:oracle:thin:app/S3cr3t-x@//127.0.0.1:1521/service",
        "jdbc:oracle:oci:app/S3cr3t-x@tns_alias",
        "jdbc:sqlserver://127.0.0.1:1433;databaseName=app;user=sa;password=S3cr3t-x;encrypt=true",
        "jdbc:sqlserver://127.0.0.1:1433;databaseName=app;user=sa;password={S3cr3t-x;with}}braces};encrypt=true",
        "jdbc:db2://127.0.0.1:50000/app:user=app;password=S3cr3t-x;",
        "jdbc:h2:mem:app;USER=sa;PASSWORD=S3cr3t-x",
        "jdbc:hsqldb:mem:app;user=sa;password=S3cr3t-x",
        "jdbc:informix-sqli://127.0.0.1:9088/app:INFORMIXSERVER=srv;user=app;PASSWORD=S3cr3t-x",
        "jdbc:sybase:Tds:127.0.0.1:5000/app?user=sa&password=S3cr3t-x",
        "jdbc:jtds:sybase://127.0.0.1:5000/app;user=sa;password=S3cr3t-x",
        "jdbc:firebirdsql://127.0.0.1:3050/app?user=sysdba&password=S3cr3t-x",
        "jdbc:sap://127.0.0.1:30015/?user=app&password=S3cr3t-x",
        "jdbc:sqlanywhere:uid=app;pwd=S3cr3t-x;eng=demo",
        "jdbc:timesten:direct:dsn=app;uid=app;pwd=S3cr3t-x",
        "jdbc:sapdb://127.0.0.1/app?user=app&password=S3cr3t-x",
        "jdbc:symford://127.0.0.1:26551/app;user=app;password=S3cr3t-x"
    })
    void everyUrlFormLosesItsPassword(String url) {
        String shown = JdbcUrl.redact(url);

        assertFalse(shown.contains("S3cr3t") || shown.contains("braces"), shown);
        assertTrue(shown.contains("****"), shown);
    }

    @Test
    void aShortPasswordIsHiddenWhereItStandsAloneAndNowhereElse() {
        String message = "password 'e' refused for user app: check the secret e";

        assertEquals("password '****' refused for user app: check the secret ****", JdbcUrl.hide(message, "e"));
    }

    @Test
    void theRestOfTheUrlStaysReadable() {
        assertEquals("jdbc:postgresql://127.0.0.1:5432/app?user=app&password=****&ssl=true",
                JdbcUrl.redact("jdbc:postgresql://127.0.0.1:5432/app?user=app&password=S3cr3t-x&ssl=true"));
        assertEquals("jdbc:oracle:thin:app/****@127.0.0.1:1521:orcl",
                JdbcUrl.redact("jdbc:oracle:thin:app/S3cr3t-x@127.0.0.1:1521:orcl"));
    }
}

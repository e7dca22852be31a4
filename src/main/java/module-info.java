/**
 * dbfilter: a request-scoped EclipseLink EntityManager for plain Jakarta Servlet applications.
 * Only the API ({@code io.dbfilter}) and the EclipseLink platforms ({@code io.dbfilter.platform})
 * are exported; {@code io.dbfilter.internal.*} is not, and may change in any release. On a plain
 * class path or inside a WAR this descriptor is ignored and everything works the same.
 */
module io.dbfilter {
    requires transitive jakarta.persistence;
    requires transitive java.sql;
    // The container provides the servlet API; jobs and tests that never touch DbFilter need none.
    requires static transitive jakarta.servlet;
    requires eclipselink;
    requires com.zaxxer.hikari;
    requires org.slf4j;
    // Optional: only Database.recordMetrics needs it, and checks that it is there first.
    requires static micrometer.core;

    exports io.dbfilter;
    exports io.dbfilter.platform;
}

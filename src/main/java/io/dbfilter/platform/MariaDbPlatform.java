package io.dbfilter.platform;

import java.time.Instant;
import java.util.Map;
import org.eclipse.persistence.platform.database.MariaDBPlatform;
import org.eclipse.persistence.queries.DataReadQuery;
import org.eclipse.persistence.tools.schemaframework.FieldDefinition;
import org.eclipse.persistence.tools.schemaframework.TableDefinition;

/**
 * EclipseLink's MariaDB platform with two corrections; dbfilter uses it for every
 * {@code jdbc:mariadb:} URL. Name it in {@code eclipselink.target-database} when you set that key
 * yourself, or the corrections are lost.
 *
 * <ul>
 * <li>A table whose name is quoted because it is a reserved word ({@code `release`}) is found by
 * the table-existence check. EclipseLink's check runs {@code SHOW TABLES LIKE '`release`'}, which
 * never matches, so {@code Database.createAll()} would report the table missing on every start.</li>
 * <li>An {@link Instant} column is {@code DATETIME(6)}, as EclipseLink already makes a
 * {@code LocalDateTime} column: its default, a bare {@code TIMESTAMP}, drops the fraction of the
 * second and ends in 2038.</li>
 * </ul>
 *
 * @since 0.1
 */
public class MariaDbPlatform extends MariaDBPlatform {
    /** Creates the platform; EclipseLink does this from the class name. */
    public MariaDbPlatform() {
    }

    @Override
    protected DataReadQuery getTableExistsQuery(TableDefinition table) {
        // The definition's name carries the back-quotes of a reserved word; the catalog holds the bare name.
        String name = table.getName();
        if (name.startsWith(getStartDelimiter()) && name.endsWith(getEndDelimiter())) {
            name = name.substring(getStartDelimiter().length(), name.length() - getEndDelimiter().length());
        }
        String schema = table.getQualifier().isEmpty() ? "DATABASE()" : literal(table.getQualifier());
        var query = new DataReadQuery("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = " + schema
                + " AND TABLE_NAME = " + literal(name));
        query.setMaxRows(1);
        return query;
    }

    @Override
    protected Map<Class<?>, FieldDefinition.DatabaseType> buildDatabaseTypes() {
        Map<Class<?>, FieldDefinition.DatabaseType> types = super.buildDatabaseTypes();
        types.put(Instant.class, new FieldDefinition.DatabaseType("DATETIME").ofSize(6));
        return types;
    }

    private static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}

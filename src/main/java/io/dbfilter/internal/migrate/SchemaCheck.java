package io.dbfilter.internal.migrate;

import io.dbfilter.internal.config.Key;
import io.dbfilter.internal.scope.Engine;
import jakarta.persistence.SchemaValidationException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.persistence.tools.schemaframework.TableValidationException;

/**
 * Compares a bind's entities with its database's catalog at start-up, so that a migration someone
 * forgot is a start-up error naming each missing table and column, not a 500 on the first request
 * that touches it. EclipseLink's check reports what is missing; it does not compare column types.
 */
final class SchemaCheck {
    private SchemaCheck() {
    }

    /**
     * Checks one bind.
     *
     * @param engine    the started bind
     * @param locations where its migrations are, or null when it does not migrate
     */
    static void check(Engine engine, List<String> locations) {
        try {
            engine.factory().getSchemaManager().validate();
        } catch (SchemaValidationException e) {
            String missing = Arrays.stream(e.getFailures()).map(SchemaCheck::describe)
                    .collect(Collectors.joining("; "));
            String fix = locations == null ? "Create them"
                    : "Add a migration that creates them (the next V<n>__<what>.sql in " + String.join(", ", locations)
                            + ")";
            throw new IllegalStateException("dbfilter: the tables of " + engine + " do not match its entities: "
                    + missing + ". " + fix + ", or set " + engine.settings().name(Key.VALIDATE_SCHEMA)
                    + "=false to start without the check.", e);
        }
    }

    /** EclipseLink's own message says that a table lacks columns, not which. */
    private static String describe(Exception failure) {
        if (failure instanceof TableValidationException.MissingColumns columns) {
            return "the table " + columns.getTable() + " has no column " + String.join(", ", columns.getColumns());
        }
        if (failure instanceof TableValidationException.MissingTable table) {
            return "the table " + table.getTable() + " is missing";
        }
        return failure.getMessage();
    }
}

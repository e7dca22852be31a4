package io.dbfilter.internal.migrate;

import io.dbfilter.internal.config.Key;
import io.dbfilter.internal.eclipselink.SchemaGaps;
import io.dbfilter.internal.scope.Engine;
import jakarta.persistence.SchemaValidationException;
import java.util.List;

/**
 * Compares a bind's entities with its database's catalog at start-up, so that a migration someone
 * forgot is a start-up error naming each missing table and column, not a 500 on the first request
 * that touches it. It does not compare column types, and columns that no entity maps are fine.
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
            List<String> gaps = SchemaGaps.of(e);
            if (gaps.isEmpty()) {
                return;
            }
            String fix = locations == null ? "Create them"
                    : "Add a migration that creates them (the next V<n>__<what>.sql in " + String.join(", ", locations)
                            + ")";
            throw new IllegalStateException("dbfilter: the tables of " + engine + " do not match its entities: "
                    + String.join("; ", gaps) + ". " + fix + ", or set " + engine.settings().name(Key.VALIDATE_SCHEMA)
                    + "=false to start without the check.", e);
        }
    }
}

package io.dbfilter.internal.eclipselink;

import jakarta.persistence.SchemaValidationException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.persistence.tools.schemaframework.TableValidationException;

/**
 * What EclipseLink's schema validation found that the entities cannot work without: missing
 * tables and columns, each named (EclipseLink's own message says a table lacks columns, not which).
 * Columns that no entity maps are left out: an expanded schema must not stop the release before
 * it (see docs/migrations.md), and a column whose field was removed must not stop the next start.
 */
public final class SchemaGaps {
    private SchemaGaps() {
    }

    /**
     * The failures that matter, described.
     *
     * @param failure what {@code SchemaManager.validate()} threw
     * @return one description per missing table or column set; empty when only surplus columns were found
     */
    public static List<String> of(SchemaValidationException failure) {
        var gaps = new ArrayList<String>();
        for (Exception found : failure.getFailures()) {
            if (found instanceof TableValidationException.SurplusColumns) {
                continue;
            }
            if (found instanceof TableValidationException.MissingColumns columns) {
                gaps.add("the table " + columns.getTable() + " has no column " + String.join(", ", columns.getColumns()));
            } else if (found instanceof TableValidationException.MissingTable table) {
                gaps.add("the table " + table.getTable() + " is missing");
            } else {
                gaps.add(found.getMessage());
            }
        }
        return gaps;
    }
}

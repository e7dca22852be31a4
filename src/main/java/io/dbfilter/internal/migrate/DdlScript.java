package io.dbfilter.internal.migrate;

import io.dbfilter.internal.scope.Engine;
import java.io.StringWriter;
import org.eclipse.persistence.jpa.JpaEntityManagerFactory;
import org.eclipse.persistence.tools.schemaframework.SchemaManager;

/**
 * The DDL that {@code createAll} runs, as a script instead: the tables, constraints and id
 * sequences of one bind's entities, for that bind's database. It is written from the bind's
 * logged-in EclipseLink session, after dbfilter's naming and quoting ({@code TableNames}), so it
 * creates exactly what the entities map. Nothing is run on the database.
 */
public final class DdlScript {
    private DdlScript() {
    }

    /**
     * The script of one bind.
     *
     * @param engine the started bind
     * @return the statements, one a line, each ending with {@code ;}, under a comment that says
     *         where they came from
     */
    public static String of(Engine engine) {
        var session = engine.factory().unwrap(JpaEntityManagerFactory.class).getServerSession();
        var schema = new SchemaManager(session);
        var script = new StringWriter();
        schema.outputDDLToWriter(script);
        schema.createDefaultTables(true);
        // EclipseLink leaves an empty comment after each key column of a join table.
        String statements = script.toString().replaceAll(" */\\* *\\*/ *", "").strip();
        return "-- Written by dbfilter: the tables that Database.createAll() creates for the entities\n"
                + "-- " + String.join(", ", engine.entityNames()) + " on " + engine.url().database() + ".\n"
                + "-- Once a database has run it, never edit it: add V2__..., V3__... instead.\n"
                + statements + "\n";
    }
}

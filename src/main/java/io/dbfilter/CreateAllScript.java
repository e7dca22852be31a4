package io.dbfilter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The command line of {@link Database#createAllScript()}: writes the tables that
 * {@link Database#createAll()} creates as the first migration of an application that moves to
 * {@code db.migrate}.
 *
 * <pre>{@code
 * java -cp "target/classes:target/dependency/*" \
 *      -Ddb.url=jdbc:postgresql://127.0.0.1:5432/app -Ddb.packages=com.example.model \
 *      io.dbfilter.CreateAllScript src/main/resources/db/migration/V1__init.sql
 * }</pre>
 *
 * <p>Arguments: the file to write, then optionally the name of a bind (its script goes in
 * {@code db/migration/<bind>/}). The settings come from system properties and environment
 * variables, as for any Database. It connects to the database, so that the script is in that
 * database's dialect, and runs nothing on it. It refuses to overwrite a file: a migration that a
 * database has run must not change. On an error it prints the message and exits with status 1.
 *
 * @since 0.1
 */
public final class CreateAllScript {
    private CreateAllScript() {
    }

    /**
     * Writes the script.
     *
     * @param args the file to write, then optionally a bind's name
     */
    public static void main(String... args) {
        try {
            Path file = write(args);
            System.out.println("dbfilter: wrote " + file.toAbsolutePath());
        } catch (RuntimeException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /** Writes the script as {@code main} does, throwing instead of exiting. */
    static Path write(String... args) {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("dbfilter: usage: java io.dbfilter.CreateAllScript FILE [BIND],"
                    + " for example src/main/resources/db/migration/V1__init.sql; set db.url and db.packages as"
                    + " system properties or environment variables.");
        }
        Path file = Path.of(args[0]);
        if (Files.exists(file)) {
            throw new IllegalArgumentException("dbfilter: " + file + " exists, and a migration that a database has"
                    + " run must not change. Name a new file, or delete this one if no database has run it.");
        }
        try (Database database = Database.create(Map.of())) {
            String script = database.createAllScript(args.length == 2 ? args[1] : null);
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Files.writeString(file, script);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("dbfilter: could not write " + file + ": " + e.getMessage(), e);
        }
    }
}

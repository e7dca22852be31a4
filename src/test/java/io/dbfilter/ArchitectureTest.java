package io.dbfilter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout docs/architecture.md describes, pinned: the parts form no cycle, only the web glue
 * touches the servlet API, nothing internal reaches back into the API, and no main source file or
 * method outgrows what one reader takes in.
 */
class ArchitectureTest {
    private static final int MAX_FILE_LINES = 300;
    private static final int MAX_METHOD_LINES = 40;
    /** Modifiers, type parameters and a return type (none for a constructor), then a name and its "(". */
    private static final String MEMBER = "((public|protected|private|static|final|abstract|default|synchronized)\\s+)*"
            + "(<[^>]+>\\s+)?([\\w.\\[\\]<>?, ]+\\s+)?\\w+\\(.*";
    private static JavaClasses library;

    @BeforeAll
    static void importLibrary() {
        library = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.dbfilter");
    }

    @Test
    void thePackagesFormNoCycle() {
        slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                return SliceIdentifier.of(javaClass.getPackageName());
            }

            @Override
            public String getDescription() {
                return "every package of dbfilter";
            }
        }).should().beFreeOfCycles().check(library);
    }

    @Test
    void onlyTheWebGlueAndTheHealthServletUseTheServletApi() {
        noClasses().that().resideOutsideOfPackage("io.dbfilter.internal.web..")
                // Database's one servlet method is the deprecated Database.of alias, pinned by the next test.
                .and().doNotBelongToAnyOf(DbFilter.class, DbBootstrapListener.class, HealthServlet.class, Database.class)
                .should().dependOnClassesThat().resideInAPackage("jakarta.servlet..")
                .check(library);
    }

    @Test
    void theDatabasesOnlyServletMethodIsTheDeprecatedAlias() {
        var servletMethods = new ArrayList<String>();
        for (Method method : Database.class.getDeclaredMethods()) {
            boolean servlet = Stream.concat(Arrays.stream(method.getParameterTypes()), Stream.of(method.getReturnType()))
                    .anyMatch(type -> type.getName().startsWith("jakarta.servlet."));
            if (servlet && !method.isAnnotationPresent(Deprecated.class)) {
                servletMethods.add(method.getName());
            }
        }
        assertTrue(servletMethods.isEmpty(), "Database methods that use the servlet API: " + servletMethods);
    }

    @Test
    void nothingInternalDependsOnTheApi() {
        noClasses().that().resideInAnyPackage("io.dbfilter.internal..", "io.dbfilter.platform..")
                .should().dependOnClassesThat().resideInAPackage("io.dbfilter")
                .check(library);
    }

    @Test
    void noMainSourceFileHasMoreThan300LinesOfCode() throws IOException {
        var tooLong = new ArrayList<String>();
        for (Path file : sources()) {
            long code = Files.readAllLines(file).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("//") && !line.startsWith("/*")
                            && !line.startsWith("*"))
                    .count();
            if (code > MAX_FILE_LINES) {
                tooLong.add(file + " (" + code + ")");
            }
        }
        assertTrue(tooLong.isEmpty(), "files over " + MAX_FILE_LINES + " lines of code: " + tooLong);
    }

    @Test
    void noMainMethodIsLongerThan40Lines() throws IOException {
        var tooLong = new ArrayList<String>();
        for (Path file : sources()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                int open = isSignatureStart(line) ? signatureEnd(lines, i) : -1;
                if (open < 0) {
                    continue;
                }
                int indent = line.length() - line.stripLeading().length();
                // The body opens at the end of the signature (which may wrap) and closes at the signature's indentation.
                int end = closing(lines, open, indent);
                if (end - open - 1 > MAX_METHOD_LINES) {
                    tooLong.add(file.getFileName() + ":" + (i + 1) + " (" + (end - open - 1) + ")");
                }
            }
        }
        assertTrue(tooLong.isEmpty(), "methods over " + MAX_METHOD_LINES + " lines: " + tooLong);
    }

    private static boolean isSignatureStart(String line) {
        String code = line.strip();
        return !code.contains(" = ") && !code.endsWith(";") && code.matches(MEMBER)
                && !code.matches(".*\\b(class|record|interface|enum)\\b.*")
                && !code.matches("(\\} )?(if|for|while|switch|try|catch|else|synchronized|do|return|new|throw)\\b.*");
    }

    /** The line that ends the signature starting at {@code start} with "{", or -1 for a declaration without a body. */
    private static int signatureEnd(List<String> lines, int start) {
        for (int j = start; j < lines.size() && j < start + 6; j++) {
            String code = lines.get(j).strip();
            if (code.endsWith("{")) {
                return code.endsWith(") {") || code.matches(".*\\) throws [\\w., ]+ \\{$") ? j : -1;
            }
            if (code.endsWith(";")) {
                return -1;
            }
        }
        return -1;
    }

    private static int closing(List<String> lines, int open, int indent) {
        String close = " ".repeat(indent) + "}";
        for (int j = open + 1; j < lines.size(); j++) {
            if (lines.get(j).equals(close) || lines.get(j).startsWith(close + " ")) {
                return j;
            }
        }
        return open;
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            return files.filter(file -> file.toString().endsWith(".java")).toList();
        }
    }
}

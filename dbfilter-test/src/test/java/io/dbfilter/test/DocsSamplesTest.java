package io.dbfilter.test;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The samples of docs/testing.md that say where they come from ({@code <!-- from: path -->})
 * are still in that file, line for line (indentation aside), so that they compile and run.
 */
class DocsSamplesTest {
    private static final Pattern SAMPLE = Pattern.compile("<!-- from: (\\S+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everySampleMarkedFromAFileIsInThatFile() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Matcher sample = SAMPLE.matcher(Files.readString(root.resolve("docs/testing.md")));
        var stale = new ArrayList<String>();
        int samples = 0;
        while (sample.find()) {
            samples++;
            List<String> source = Files.readAllLines(root.resolve(sample.group(1))).stream().map(String::strip).toList();
            int from = 0;
            for (String line : sample.group(2).lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
                int found = source.subList(from, source.size()).indexOf(line);
                if (found < 0) {
                    stale.add(sample.group(1) + ": " + line);
                    break;
                }
                from += found + 1;
            }
        }
        assertTrue(samples >= 2, "docs/testing.md has " + samples + " marked samples");
        assertTrue(stale.isEmpty(), "samples that are no longer in their file:\n" + String.join("\n", stale));
    }
}

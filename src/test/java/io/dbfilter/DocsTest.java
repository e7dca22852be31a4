package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.internal.config.Key;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README and docs/ stay true to the code: links resolve and every setting is documented. */
class DocsTest {
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*$");

    private static List<Path> pages() throws IOException {
        var pages = new ArrayList<Path>();
        pages.add(Path.of("README.md"));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[`*_]", "").replaceAll("[^\\p{L}\\p{N} -]", "")
                .replace(' ', '-');
    }

    private static List<String> anchors(Path page) throws IOException {
        var anchors = new ArrayList<String>();
        Matcher heading = HEADING.matcher(withoutCodeBlocks(Files.readString(page)));
        while (heading.find()) {
            anchors.add(anchor(heading.group(1)));
        }
        return anchors;
    }

    /** Code blocks hold {@code #} comments and array brackets that are not headings or links. */
    private static String withoutCodeBlocks(String markdown) {
        return markdown.replaceAll("(?s)```.*?```", "");
    }

    @Test
    void anchorsFollowGitHubsRule() {
        assertEquals("the-example-application-on-a-server", anchor("The example application on a server"));
        assertEquals("dbpaginate-and-pagerequest", anchor("`Db.paginate` and `PageRequest`"));
    }

    @Test
    void everyRelativeLinkPointsAtAFileAndHeadingThatExist() throws IOException {
        var broken = new ArrayList<String>();
        for (Path page : pages()) {
            Matcher link = LINK.matcher(withoutCodeBlocks(Files.readString(page)));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue; // an absolute URL: not ours to check offline
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? page : page.resolveSibling(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(page + ": " + target + " (no file " + resolved + ")");
                } else if (hash >= 0 && resolved.toString().endsWith(".md")
                        && !anchors(resolved).contains(target.substring(hash + 1))) {
                    broken.add(page + ": " + target + " (no such heading in " + resolved + ")");
                }
            }
        }
        assertTrue(broken.isEmpty(), "broken links:\n" + String.join("\n", broken));
    }

    @Test
    void everyTestThatTheDocsCiteExists() throws IOException {
        Pattern cited = Pattern.compile("`([A-Z]\\w*Test)#(\\w+)`");
        var missing = new ArrayList<String>();
        for (Path page : pages()) {
            Matcher test = cited.matcher(Files.readString(page));
            while (test.find()) {
                Path source = testSource(test.group(1));
                if (source == null || !Files.readString(source).contains("void " + test.group(2) + "(")) {
                    missing.add(page + ": " + test.group(1) + "#" + test.group(2));
                }
            }
        }
        assertTrue(missing.isEmpty(), "cited tests that do not exist:\n" + String.join("\n", missing));
    }

    private static Path testSource(String className) throws IOException {
        for (Path root : List.of(Path.of("src", "test", "java"), Path.of("example-webapp", "src", "test", "java"),
                Path.of("dbfilter-test", "src", "test", "java"))) {
            try (Stream<Path> files = Files.walk(root)) {
                var found = files.filter(f -> f.getFileName().toString().equals(className + ".java")).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        return null;
    }

    @Test
    void everySettingIsDocumentedInConfigurationMd() throws IOException {
        String configuration = Files.readString(Path.of("docs", "configuration.md"));
        var missing = new ArrayList<String>();
        for (String key : Key.names(null)) {
            if (!configuration.contains("`" + key + "`")) {
                missing.add(key);
            }
        }
        assertTrue(configuration.contains("`db.pool."), "db.pool.* is not documented");
        assertTrue(missing.isEmpty(), "keys missing from docs/configuration.md: " + missing);
    }

    @Test
    void theQuickstartNeedsNoDbUrlAndSurvivesAUrlWithoutAnId() throws IOException {
        for (Path page : List.of(Path.of("README.md"), Path.of("docs", "quickstart.md"))) {
            String text = Files.readString(page);
            Matcher webXml = Pattern.compile("(?s)Configure the filter.*?```xml(.*?)```").matcher(text);
            assertTrue(webXml.find(), page + ": no web.xml sample");
            assertFalse(webXml.group(1).contains("db.url"),
                    page + ": the web.xml sample sets db.url, which it says is not needed");
            assertTrue(webXml.group(1).contains("<dispatcher>ASYNC</dispatcher>"),
                    page + ": without the ASYNC dispatcher an asynchronous request's dispatch has no scope");
            assertFalse(text.contains("getPathInfo().substring(1)"),
                    page + ": getPathInfo() is null for a URL without an id");
        }
    }
}

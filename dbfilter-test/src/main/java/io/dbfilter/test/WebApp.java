package io.dbfilter.test;

import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where {@link DbTest#webApp()} points: a folder, or a folder on the class path, holding
 * {@code WEB-INF/web.xml}.
 *
 * @param location the folder: a path, or {@code classpath:} and a resource name
 * @param base     the folder, as a URL for Jetty
 * @param webXml   its {@code WEB-INF/web.xml}
 */
record WebApp(String location, URL base, URL webXml) {
    private static final String CLASSPATH = "classpath:";

    static WebApp of(String location, Class<?> testClass) {
        if (location.startsWith(CLASSPATH)) {
            String name = location.substring(CLASSPATH.length()).replaceAll("^/+|/+$", "");
            ClassLoader loader = testClass.getClassLoader();
            URL base = loader.getResource(name);
            URL webXml = loader.getResource(name + "/WEB-INF/web.xml");
            if (base == null || webXml == null) {
                throw new IllegalArgumentException("dbfilter-test: @DbTest(webApp = \"" + location + "\") on "
                        + testClass.getName() + ": the class path has no " + name + "/WEB-INF/web.xml. Name the folder"
                        + " that holds WEB-INF, as it sits on the class path (src/main/resources/webapp is \"classpath:webapp\"),"
                        + " or give a folder path such as \"src/main/webapp\".");
            }
            return new WebApp(location, base, webXml);
        }
        Path folder = Path.of(location).toAbsolutePath().normalize();
        Path webXml = folder.resolve("WEB-INF").resolve("web.xml");
        if (!Files.isRegularFile(webXml)) {
            throw new IllegalArgumentException("dbfilter-test: @DbTest(webApp = \"" + location + "\") on "
                    + testClass.getName() + ": there is no " + webXml + ". Give the folder that holds WEB-INF/web.xml,"
                    + " relative to the directory the tests run in (Maven runs them in the module's folder), or"
                    + " \"classpath:\" and its place on the class path.");
        }
        try {
            return new WebApp(location, folder.toUri().toURL(), webXml.toUri().toURL());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    String describe() {
        return "the web.xml of @DbTest(webApp = \"" + location + "\") (" + webXml + ")";
    }
}

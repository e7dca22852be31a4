package io.dbfilter.test;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * A test class's settings, in the order the application's would be read: the web application's
 * context-params, then its DbFilter's init-params, then {@link DbSettings}. System properties and
 * environment variables are applied on top by {@code Database.create}, as in production.
 */
final class TestSettings {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private TestSettings() {
    }

    static Map<String, String> of(Class<?> testClass, WebApp webApp) {
        var settings = new LinkedHashMap<String, String>();
        if (webApp != null) {
            settings.putAll(fromWebXml(webApp.webXml(), webApp.describe()));
        }
        DbSettings annotated = find(testClass, DbSettings.class);
        if (annotated != null) {
            for (String pair : annotated.value()) {
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("dbfilter-test: @DbSettings on " + testClass.getName() + " has \""
                            + pair + "\"; write each setting as key=value, e.g. \"db.packages=com.example.model\"");
                }
                settings.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
            }
        }
        if (!settings.containsKey("db.url") && System.getProperty("db.url") == null && System.getenv("DB_URL") == null) {
            // Never the application's own ./instance database: a database of the class's own, gone with it.
            settings.put("db.url", "jdbc:derby:memory:dbfilter-test-" + testClass.getSimpleName() + "-"
                    + DATABASES.incrementAndGet() + ";create=true");
        }
        return settings;
    }

    /** The annotation on the class or, for a {@code @Nested} class, on the nearest enclosing class. */
    static <A extends Annotation> A find(Class<?> type, Class<A> annotation) {
        for (Class<?> current = type; current != null; current = current.getEnclosingClass()) {
            A found = current.getAnnotation(annotation);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The {@code db.*} and {@code eclipselink.*} context-params and DbFilter init-params of a web.xml. */
    static Map<String, String> fromWebXml(URL webXml, String described) {
        var settings = new LinkedHashMap<String, String>();
        Element root;
        try (InputStream in = webXml.openStream()) {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            root = factory.newDocumentBuilder().parse(in).getDocumentElement();
        } catch (IOException | ParserConfigurationException | SAXException e) {
            throw new IllegalArgumentException("dbfilter-test: cannot read " + described + ": " + e.getMessage(), e);
        }
        for (Element param : children(root, "context-param")) {
            put(settings, param);
        }
        for (Element filter : children(root, "filter")) {
            if ("io.dbfilter.DbFilter".equals(text(filter, "filter-class"))) {
                for (Element param : children(filter, "init-param")) {
                    put(settings, param);
                }
            }
        }
        return settings;
    }

    private static void put(Map<String, String> settings, Element param) {
        String name = text(param, "param-name");
        if (name != null && (name.startsWith("db.") || name.startsWith("eclipselink."))) {
            settings.put(name, text(param, "param-value"));
        }
    }

    private static List<Element> children(Element parent, String name) {
        var found = new ArrayList<Element>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        var found = children(parent, name);
        return found.isEmpty() ? null : found.get(0).getTextContent().strip();
    }
}

package io.dbfilter.internal.start;

import io.dbfilter.internal.config.Key;
import io.dbfilter.internal.config.Settings;
import jakarta.persistence.Converter;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.MappedSuperclass;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds the persistent classes named by {@code db.entities} and {@code db.packages}.
 *
 * <p>A package is scanned, sub-packages included, in class-path folders and jars (which covers
 * {@code WEB-INF/classes} and {@code WEB-INF/lib}); classes are loaded without being initialized.
 * Besides {@code @Entity} classes it keeps {@code @Embeddable}, {@code @MappedSuperclass} and
 * {@code @Converter} ones, which EclipseLink needs listed too.
 */
final class EntityClasses {
    private static final List<Class<? extends Annotation>> PERSISTENT = List.of(
            Entity.class, Embeddable.class, MappedSuperclass.class, Converter.class);

    private EntityClasses() {
    }

    /** The persistent classes that {@code db.entities} and {@code db.packages} name, in their order. */
    static Set<Class<?>> find(Settings settings, ClassLoader loader) {
        var classes = new LinkedHashSet<Class<?>>();
        for (String name : settings.list(Key.ENTITIES)) {
            Class<?> type = load(name, loader, settings);
            if (!isPersistent(type)) {
                throw new IllegalArgumentException("dbfilter: " + settings.describe(Key.ENTITIES) + " names "
                        + name + ", which is not annotated @Entity (nor @Embeddable, @MappedSuperclass or"
                        + " @Converter). Annotate it, or remove it from the list.");
            }
            classes.add(type);
        }
        for (String pkg : settings.list(Key.PACKAGES)) {
            classes.addAll(scan(pkg, loader, settings));
        }
        return classes;
    }

    /**
     * Fails with the keys to set when a bind's classes hold no {@code @Entity}; {@code more} ends
     * the message, e.g. with the other ways a bind gets entities.
     */
    static void requireEntity(Collection<Class<?>> classes, Settings settings, String more) {
        if (classes.stream().noneMatch(type -> type.isAnnotationPresent(Entity.class))) {
            String bind = settings.bindName();
            throw new IllegalArgumentException("dbfilter: no @Entity class found"
                    + (bind == null ? "" : " for the bind '" + bind + "'") + ". List the entity classes in "
                    + settings.name(Key.ENTITIES) + " (comma-separated class names) or the packages that hold"
                    + " them in " + settings.name(Key.PACKAGES) + " (comma-separated, sub-packages included)"
                    + found(settings) + more + ".");
        }
    }

    private static String found(Settings settings) {
        var given = new ArrayList<String>();
        if (settings.get(Key.ENTITIES) != null) {
            given.add(settings.describe(Key.ENTITIES) + "='" + settings.get(Key.ENTITIES) + "'");
        }
        if (settings.get(Key.PACKAGES) != null) {
            given.add(settings.describe(Key.PACKAGES) + "='" + settings.get(Key.PACKAGES) + "'");
        }
        return given.isEmpty() ? "; neither is set" : "; found none in " + String.join(" and ", given);
    }

    private static boolean isPersistent(Class<?> type) {
        return PERSISTENT.stream().anyMatch(type::isAnnotationPresent);
    }

    private static Class<?> load(String name, ClassLoader loader, Settings settings) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("dbfilter: " + settings.describe(Key.ENTITIES) + " names the class "
                    + name + ", which cannot be loaded (" + e + "). Check the fully qualified name (package"
                    + " included) and that the class is on the application's classpath.", e);
        }
    }

    private static Set<Class<?>> scan(String pkg, ClassLoader loader, Settings settings) {
        String path = pkg.replace('.', '/');
        var names = new LinkedHashSet<String>();
        try {
            List<URL> roots = Collections.list(loader.getResources(path));
            if (roots.isEmpty()) {
                throw new IllegalArgumentException("dbfilter: " + settings.describe(Key.PACKAGES) + " names the"
                        + " package " + pkg + ", which is not on the classpath. Check its spelling.");
            }
            for (URL root : roots) {
                names.addAll(classNames(root, path, settings));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("dbfilter: could not scan package " + pkg + ": " + e.getMessage(), e);
        }
        var classes = new LinkedHashSet<Class<?>>();
        for (String name : names) {
            try {
                Class<?> type = Class.forName(name, false, loader);
                if (isPersistent(type)) {
                    classes.add(type);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // A class whose own dependencies are missing cannot be an entity we could map.
            }
        }
        return classes;
    }

    private static List<String> classNames(URL root, String path, Settings settings) throws IOException {
        switch (root.getProtocol()) {
            case "file":
                return folderClassNames(root, path);
            case "jar":
                var connection = (JarURLConnection) root.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    return jarClassNames(jar, path);
                }
            default:
                throw new IllegalArgumentException("dbfilter: cannot scan " + settings.describe(Key.PACKAGES)
                        + " at " + root + " (a '" + root.getProtocol() + ":' location). List the classes in "
                        + settings.name(Key.ENTITIES) + " instead.");
        }
    }

    private static List<String> folderClassNames(URL root, String path) throws IOException {
        Path folder;
        try {
            folder = Path.of(root.toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        Path base = folder;
        for (int i = path.split("/").length; i > 0; i--) {
            base = base.getParent();
        }
        var names = new ArrayList<String>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String relative = base.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                addClassName(names, relative);
            }
        }
        return names;
    }

    private static List<String> jarClassNames(JarFile jar, String path) {
        var names = new ArrayList<String>();
        for (JarEntry entry : Collections.list(jar.entries())) {
            if (entry.getName().startsWith(path + "/")) {
                addClassName(names, entry.getName());
            }
        }
        return names;
    }

    private static void addClassName(List<String> names, String resource) {
        if (resource.endsWith(".class") && !resource.endsWith("module-info.class")
                && !resource.endsWith("package-info.class")) {
            names.add(resource.substring(0, resource.length() - ".class".length()).replace('/', '.'));
        }
    }
}

package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Micrometer is an optional dependency: with it missing from the class path, a Database with
 * {@code db.metrics=true} starts and serves, and {@code recordMetrics} says what to add.
 */
class WithoutMicrometerTest {
    /** Loads dbfilter's classes (and the test model) itself, and finds no Micrometer class at all. */
    private static final class WithoutMicrometer extends URLClassLoader {
        WithoutMicrometer() throws Exception {
            super(new URL[] {Path.of("target", "classes").toUri().toURL(),
                    Path.of("target", "test-classes").toUri().toURL()}, WithoutMicrometerTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("io.micrometer.")) {
                throw new ClassNotFoundException(name);
            }
            if (!name.startsWith("io.dbfilter.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
        }
    }

    @Test
    void aDatabaseWithDbMetricsServesWithoutMicrometerAndRecordMetricsSaysWhatToAdd() throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (var loader = new WithoutMicrometer()) {
            thread.setContextClassLoader(loader);
            Class<?> type = loader.loadClass(Database.class.getName());
            assertTrue(type != Database.class, "the test must run dbfilter from its own loader");
            var database = (AutoCloseable) type.getMethod("create", Map.class).invoke(null,
                    TestDatabases.settings("db.metrics", "true"));
            try (database) {
                type.getMethod("createAll").invoke(database);
                var scope = (AutoCloseable) type.getMethod("open").invoke(database);
                try (scope) {
                    var count = loader.loadClass(Db.class.getName()).getMethod("session").invoke(null);
                    assertEquals(0L, ((jakarta.persistence.EntityManager) count)
                            .createQuery("select count(u) from User u").getSingleResult());
                }

                var e = assertThrows(InvocationTargetException.class,
                        () -> type.getMethod("recordMetrics", Object.class).invoke(database, new Object()));
                assertEquals("dbfilter: Database.recordMetrics needs Micrometer, which is not on the class path: add"
                        + " io.micrometer:micrometer-core (and the registry you publish to, e.g."
                        + " micrometer-registry-prometheus) to the application.", e.getCause().getMessage());
            }
        } finally {
            thread.setContextClassLoader(before);
        }
    }
}

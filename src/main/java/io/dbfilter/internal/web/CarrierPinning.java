package io.dbfilter.internal.web;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns once per JVM when requests run on virtual threads of a JDK that pins a virtual thread's
 * carrier inside {@code synchronized} (Java 21 to 23). EclipseLink 5 borrows a pooled connection
 * inside a {@code synchronized} method ({@code DatasourceAccessor.incrementCallCount},
 * eclipse-ee4j/eclipselink#2418), so there a request waiting for a connection holds its carrier,
 * and with more writers than connections the carriers run out. JDK 24 (JEP 491) no longer pins.
 *
 * <p>The filter calls {@link #check()} for every request: after the JVM is settled (Java before 21
 * or from 24, or the warning given) it is one volatile read. On Java 21 to 23, until a virtual
 * thread shows up, each request asks {@code Thread.isVirtual()} through a method handle found once
 * when the class loads; the library is compiled for Java 17, which has no such method.
 */
public final class CarrierPinning {
    private static final Logger LOG = LoggerFactory.getLogger("io.dbfilter.DbFilter");
    /** {@code Thread.isVirtual()}, or null before Java 21. */
    private static final MethodHandle IS_VIRTUAL = isVirtualHandle();
    private static final CarrierPinning JVM = new CarrierPinning(Runtime.version().feature(),
            CarrierPinning::isVirtual, LOG::warn);

    private final int feature;
    private final Predicate<Thread> virtual;
    private final Consumer<String> warn;
    private final AtomicBoolean warned = new AtomicBoolean();
    private volatile boolean settled;

    CarrierPinning(int feature, Predicate<Thread> virtual, Consumer<String> warn) {
        this.feature = feature;
        this.virtual = virtual;
        this.warn = warn;
        // Without pinning on synchronized (before 21 there are no virtual threads) nothing is left to decide.
        this.settled = !pins(feature);
    }

    /** Checks the current request's thread, warning once per JVM if it is a virtual thread that can pin. */
    public static void check() {
        JVM.checkCurrent();
    }

    void checkCurrent() {
        if (!settled && virtual.test(Thread.currentThread())) {
            settled = true;
            // Not synchronized: that would pin too. Requests racing here warn once between them.
            if (warned.compareAndSet(false, true)) {
                warn.accept(warning(feature));
            }
        }
    }

    boolean settled() {
        return settled;
    }

    /** Java 21 to 23: virtual threads exist and {@code synchronized} pins their carrier (JEP 491 ended it in 24). */
    static boolean pins(int feature) {
        return feature >= 21 && feature < 24;
    }

    static String warning(int feature) {
        return "dbfilter: requests run on virtual threads on Java " + feature + ", which pins a virtual thread's"
                + " carrier inside synchronized code: EclipseLink 5 waits for a pooled connection inside"
                + " synchronized DatasourceAccessor.incrementCallCount (eclipse-ee4j/eclipselink#2418), so"
                + " requests waiting for a connection hold their carriers and the server can stall. Run on"
                + " Java 24 or later (JEP 491), or cap concurrent requests below db.pool.maximumPoolSize.";
    }

    static boolean isVirtual(Thread thread) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(thread);
        } catch (Throwable e) {
            throw new IllegalStateException("Thread.isVirtual() failed", e);
        }
    }

    private static MethodHandle isVirtualHandle() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                    MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }
}

package io.dbfilter.internal.util;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Walks an exception's cause chain, guarded against cycles (a cause may point back at an
 * exception earlier in its own chain, and {@code getCause()} of some exceptions returns itself).
 */
public final class Causes {
    private Causes() {
    }

    /**
     * The first exception in {@code error}'s cause chain, {@code error} included, that is a
     * {@code type} and matches {@code test}.
     *
     * @param error the exception to search; may be null
     * @param type  the kind of exception wanted
     * @param test  what it must satisfy
     * @param <T>   the kind of exception wanted
     * @return the first match, or null when the chain holds none
     */
    public static <T extends Throwable> T find(Throwable error, Class<T> type, Predicate<? super T> test) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = error; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (type.isInstance(cause) && test.test(type.cast(cause))) {
                return type.cast(cause);
            }
        }
        return null;
    }

    /**
     * The last exception of {@code error}'s cause chain: the one that started it.
     *
     * @param error the exception; not null
     * @return its root cause, or {@code error} itself when it has no cause; in a cycle, the last
     *         exception before the chain repeats
     */
    public static Throwable root(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable root = error;
        seen.add(root);
        while (root.getCause() != null && seen.add(root.getCause())) {
            root = root.getCause();
        }
        return root;
    }
}

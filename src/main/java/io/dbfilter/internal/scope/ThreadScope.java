package io.dbfilter.internal.scope;

/**
 * The one place that binds a scope to a thread. A thread has at most one current scope; a scope of
 * another Database opened inside it becomes current and restores it when it ends.
 */
public final class ThreadScope {
    private static final ThreadLocal<ScopeState> CURRENT = new ThreadLocal<>();

    private ThreadScope() {
    }

    /**
     * The scope bound to the current thread.
     *
     * @return the scope, or null when none is bound
     */
    public static ScopeState current() {
        return CURRENT.get();
    }

    /**
     * Runs {@code work} with no scope bound, then binds the caller's scope again: for DDL, which
     * belongs to no request and must not be recorded as one of its statements.
     *
     * @param work what to run outside the scope
     */
    public static void outside(Runnable work) {
        ScopeState current = CURRENT.get();
        if (current == null) {
            work.run();
            return;
        }
        CURRENT.set(null);
        try {
            work.run();
        } finally {
            CURRENT.set(current);
        }
    }

    static void bind(ScopeState scope) {
        CURRENT.set(scope);
    }

    /**
     * Restores {@code outer} (null when none) if {@code scope} is what this thread has bound. Setting
     * null rather than removing keeps the thread's map entry for the next request: a removed entry
     * is a new WeakReference at every request, garbage that the collector must process specially.
     * The entry holds the ThreadLocal only weakly and no value, so it pins no class loader.
     */
    static void unbind(ScopeState scope, ScopeState outer) {
        if (CURRENT.get() == scope) {
            CURRENT.set(outer);
        }
    }
}

package io.dbfilter.internal.scope;

import io.dbfilter.internal.config.Key;
import io.dbfilter.internal.config.Suggestion;
import io.dbfilter.internal.util.Failures;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running part of a Database: one {@link Engine} per bind, which bind maps which entity, the
 * listeners fixed at start-up, and the count of open EntityManagers. Its scopes share it; the
 * public {@code Database} is its face.
 */
public final class Engines {
    private static final Logger LOG = LoggerFactory.getLogger("io.dbfilter.Database");

    private final String name;
    /** The default bind first, then the binds in {@code db.binds} order: the order of commits. */
    private final Engine[] engines;
    private final Map<Class<?>, Integer> owners;
    private final ScopeListener[] listeners;
    private final AtomicInteger openSessions = new AtomicInteger();
    private volatile boolean closed;
    private Object face;

    /**
     * Assembles a started Database; {@link #started()} tells the listeners.
     *
     * @param name      the Database's name, unique in the JVM
     * @param engines   the default bind's engine, then the others' in {@code db.binds} order
     * @param owners    the index of the bind each entity class belongs to
     * @param listeners the features installed, in order
     */
    public Engines(String name, List<Engine> engines, Map<Class<?>, Integer> owners, List<ScopeListener> listeners) {
        this.name = name;
        this.engines = engines.toArray(new Engine[0]);
        this.owners = Map.copyOf(owners);
        this.listeners = listeners.toArray(new ScopeListener[0]);
    }

    /** Tells every listener that the Database has started. */
    public void started() {
        for (ScopeListener listener : listeners) {
            listener.started(this);
        }
    }

    /**
     * Records the public object that stands for these engines, for {@code Db.database()}.
     *
     * @param face the Database
     */
    public void face(Object face) {
        this.face = face;
    }

    /**
     * The public object that stands for these engines.
     *
     * @return the Database
     */
    public Object face() {
        return face;
    }

    /**
     * The Database's name.
     *
     * @return for example {@code dbfilter-1}
     */
    public String name() {
        return name;
    }

    /**
     * One bind's engine.
     *
     * @param index 0 for the default bind, then in {@code db.binds} order
     * @return the engine
     */
    public Engine engine(int index) {
        return engines[index];
    }

    /**
     * How many binds there are, the default one included.
     *
     * @return at least 1
     */
    public int size() {
        return engines.length;
    }

    /**
     * The listener of a given kind, for the API that configures it.
     *
     * @param type the listener's class
     * @param <T>  the listener's class
     * @return the installed listener, or null when its feature is off
     */
    public <T extends ScopeListener> T listener(Class<T> type) {
        for (ScopeListener listener : listeners) {
            if (type.isInstance(listener)) {
                return type.cast(listener);
            }
        }
        return null;
    }

    ScopeListener[] listeners() {
        return listeners;
    }

    /**
     * The names of the binds besides the default one.
     *
     * @return the names in {@code db.binds} order
     */
    public List<String> binds() {
        var binds = new ArrayList<String>();
        for (int i = 1; i < engines.length; i++) {
            binds.add(engines[i].bind());
        }
        return List.copyOf(binds);
    }

    /**
     * The index of a bind by name.
     *
     * @param bind a name in {@code db.binds}, or null for the default bind
     * @return its index
     * @throws IllegalArgumentException when no bind has that name, listing the binds
     */
    public int index(String bind) {
        if (bind == null) {
            return 0;
        }
        for (int i = 1; i < engines.length; i++) {
            if (engines[i].bind().equals(bind)) {
                return i;
            }
        }
        List<String> binds = binds();
        throw new IllegalArgumentException("dbfilter: " + name + " has no bind named '" + bind + "'"
                + (binds.isEmpty() ? "; it has no binds at all (" + Key.BINDS.key() + " is not set)."
                        : "; its binds are " + String.join(", ", binds) + " (" + Key.BINDS.key() + ")."
                                + Suggestion.of(bind, binds))
                + " Name a bind listed in db.binds; null, or Db.session() without a name, is the default bind.");
    }

    /**
     * The index of the bind that maps {@code type}, or an entity superclass of it.
     *
     * @param type an entity class
     * @return its bind's index
     * @throws IllegalArgumentException when no bind maps it
     */
    public int index(Class<?> type) {
        for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
            Integer owner = owners.get(candidate);
            if (owner != null) {
                return owner;
            }
        }
        throw new IllegalArgumentException("dbfilter: " + (type == null ? "null" : type.getName())
                + " is not an entity of " + name + ". List it in db.entities or db.packages (or a bind's"
                + " db.bind.<name>.entities or .packages), and annotate it @Entity.");
    }

    /** How messages name a bind: {@code the default bind} or {@code bind 'analytics'}. */
    String describe(int index) {
        return index == 0 ? "the default bind" : "bind '" + engines[index].bind() + "'";
    }

    EntityManager createEntityManager(int index) {
        EntityManager session = engines[index].factory().createEntityManager();
        openSessions.incrementAndGet();
        return session;
    }

    void sessionClosed() {
        openSessions.decrementAndGet();
    }

    /**
     * How many EntityManagers that scopes created are still open.
     *
     * @return 0 whenever no scope runs
     */
    public int openSessions() {
        return openSessions.get();
    }

    /**
     * Whether {@link #close()} has run.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Creates the tables of every bind whose {@code createAll} setting is on, as start-up does; a
     * bind that migrates has its tables from its scripts instead.
     */
    public void createAllAsConfigured() {
        for (Engine engine : engines) {
            if (engine.settings().flag(Key.CREATE_ALL) && !engine.settings().flag(Key.MIGRATE)) {
                engine.createAll();
            }
        }
    }

    /**
     * Tells the listeners, then closes every bind; closing twice does nothing.
     *
     * @throws RuntimeException the first failure, after every bind was closed
     */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (openSessions.get() > 0) {
            LOG.warn("dbfilter: {} closes while {} EntityManager(s) are still open; a scope was not closed.",
                    name, openSessions.get());
        }
        var failures = new Failures();
        for (ScopeListener listener : listeners) {
            failures.run(() -> listener.closing(this));
        }
        for (Engine engine : engines) {
            failures.run(engine::close);
        }
        failures.throwIfAny();
    }
}

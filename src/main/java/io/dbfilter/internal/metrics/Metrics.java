package io.dbfilter.internal.metrics;

import io.dbfilter.internal.jdbc.Unavailable;
import io.dbfilter.internal.scope.Engines;
import io.dbfilter.internal.replica.Replicas;
import io.dbfilter.internal.scope.ScopeListener;
import io.dbfilter.internal.scope.ScopeState;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;

/**
 * {@code db.metrics}: counts what a Database does, for the meters {@code Database.recordMetrics}
 * registers. EclipseLink's listeners cannot be added to a session that is logged in and serving
 * (its list is not thread-safe), so the feature is chosen at start-up like every other, and the
 * registry may come any time later: until it does, every event returns after one volatile read.
 *
 * <p>Statements are counted in {@code preExecuteCall}/{@code postExecuteCall}, as
 * {@code QueryRecorder} records them, but without its stack walk and without a record per
 * statement: a scope keeps two numbers, allocated with its first statement.
 *
 * <p>Nothing here names a Micrometer type: this class is loaded with the features, with or without
 * Micrometer on the class path; only {@link Meters} needs it.
 */
public final class Metrics extends SessionEventAdapter implements ScopeListener {
    private static final String REGISTRY = "io.micrometer.core.instrument.MeterRegistry";

    private final int slot;
    private final Replicas replicas;
    /** A LongAdder, not an AtomicInteger: every request's threads update it, and it is read once per scrape. */
    private final LongAdder open = new LongAdder();
    private volatile Meters meters;

    /** What one scope keeps: its statements so far and their time, nested statements counted once. */
    private static final class Tally {
        int statements;
        int running;
        long started;
        long nanos;
        int replicaStatements;
        long replicaNanos;
    }

    /**
     * Creates the feature.
     *
     * @param slot     its position among the Database's listeners
     * @param replicas the read replicas feature, which tells which server ran a statement; null without replicas
     */
    public Metrics(int slot, Replicas replicas) {
        this.slot = slot;
        this.replicas = replicas;
    }

    /**
     * Registers the Database's meters and its pools' in {@code registry}, once.
     *
     * @param registry a Micrometer {@code MeterRegistry}
     * @param engines  the Database
     * @throws IllegalStateException    when Micrometer is missing, or a registry was given before
     * @throws IllegalArgumentException when {@code registry} is not a {@code MeterRegistry}
     */
    public synchronized void recordInto(Object registry, Engines engines) {
        if (!micrometerPresent()) {
            throw new IllegalStateException("dbfilter: Database.recordMetrics needs Micrometer, which is not on the"
                    + " class path: add io.micrometer:micrometer-core (and the registry you publish to, e.g."
                    + " micrometer-registry-prometheus) to the application.");
        }
        if (meters != null) {
            throw new IllegalStateException("dbfilter: " + engines.name() + " already records its metrics into a"
                    + " registry; call Database.recordMetrics once, with a CompositeMeterRegistry to publish to"
                    + " several.");
        }
        meters = Meters.register(registry, engines, open, replicas != null);
    }

    private static boolean micrometerPresent() {
        try {
            Class.forName(REGISTRY, false, Metrics.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public void customize(Session session) {
        session.getEventManager().addListener(this);
    }

    @Override
    public void preExecuteCall(SessionEvent event) {
        if (meters == null) {
            return;
        }
        ScopeState scope = ScopeState.of(this, slot);
        if (scope == null) {
            return;
        }
        Tally tally = scope.slot(slot);
        if (tally == null) {
            tally = new Tally();
            scope.slot(slot, tally);
        }
        tally.statements++;
        if (tally.running++ == 0) {
            tally.started = System.nanoTime();
        }
    }

    @Override
    public void postExecuteCall(SessionEvent event) {
        ScopeState scope = ScopeState.of(this, slot);
        Tally tally = scope == null ? null : scope.slot(slot);
        if (tally != null && tally.running > 0 && --tally.running == 0) {
            long nanos = System.nanoTime() - tally.started;
            tally.nanos += nanos;
            // A replica serves only reads of the read pool, which never nest inside another statement.
            if (replicas != null && replicas.ranOnReplica(scope, event)) {
                tally.replicaStatements++;
                tally.replicaNanos += nanos;
            }
        }
    }

    @Override
    public void opened(ScopeState scope) {
        open.increment();
    }

    @Override
    public void closing(ScopeState scope) {
        open.decrement();
        Meters current = meters;
        Tally tally = current == null ? null : scope.slot(slot);
        // Scopes that ran nothing (static pages, health checks, scrapes) would only dilute the distribution.
        if (tally != null) {
            current.scope(tally.statements, tally.nanos);
            current.servers(tally.statements - tally.replicaStatements, tally.nanos - tally.replicaNanos,
                    tally.replicaStatements, tally.replicaNanos);
        }
    }

    @Override
    public void afterCommit(ScopeState scope) {
        Meters current = meters;
        if (current != null) {
            current.committed();
        }
    }

    @Override
    public void commitFailed(ScopeState scope, Throwable failure, boolean committing) {
        Meters current = meters;
        if (current != null) {
            // A connection lost while the database commits leaves the outcome unknown to us: it may have committed.
            current.commitFailed(committing && Unavailable.cause(failure) != null);
        }
    }

    @Override
    public void rolledBack(ScopeState scope) {
        Meters current = meters;
        if (current != null) {
            current.rolledBack();
        }
    }

    @Override
    public void unavailable(ScopeState scope) {
        Meters current = meters;
        if (current != null) {
            current.unavailable();
        }
    }

    /** A request ran too many statements ({@code db.warnQueries}); the warning calls this. */
    public void warned() {
        Meters current = meters;
        if (current != null) {
            current.warned();
        }
    }

    @Override
    public void closing(Engines engines) {
        Meters current = meters;
        if (current != null) {
            current.remove();
        }
    }
}

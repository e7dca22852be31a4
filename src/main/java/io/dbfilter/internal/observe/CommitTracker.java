package io.dbfilter.internal.observe;

import io.dbfilter.internal.scope.ScopeListener;
import io.dbfilter.internal.scope.ScopeState;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.RollbackException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.descriptors.DescriptorEvent;
import org.eclipse.persistence.descriptors.DescriptorEventAdapter;
import org.eclipse.persistence.sessions.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code db.trackModifications}: collects the entities each flush writes in a scope, and around
 * its commits hands them to the before-commit and after-commit listeners.
 *
 * <p>EclipseLink's postInsert, postUpdate and postDelete descriptor events fire once per written row,
 * in flush order, only for rows really written (an unchanged entity gets no UPDATE and no event).
 * Start-up installs this listener only when tracking is on.
 */
public final class CommitTracker extends DescriptorEventAdapter implements ScopeListener {
    private static final Logger LOG = LoggerFactory.getLogger("io.dbfilter.Database");

    /**
     * One entity a flush wrote.
     *
     * @param entity the instance
     * @param kind   what the database did with its row
     */
    public record Written(Object entity, Kind kind) {
    }

    /** What a flush did with a row. */
    public enum Kind {
        /** Inserted. */
        INSERT,
        /** Updated. */
        UPDATE,
        /** Deleted. */
        DELETE
    }

    private final int slot;
    private final int limit;
    private final List<Consumer<List<Written>>> beforeCommit = new CopyOnWriteArrayList<>();
    private final List<Consumer<List<Written>>> afterCommit = new CopyOnWriteArrayList<>();

    /**
     * Creates the tracker.
     *
     * @param slot  its position among the Database's listeners
     * @param limit the most changes one transaction keeps ({@code db.recordLimit})
     */
    public CommitTracker(int slot, int limit) {
        this.slot = slot;
        this.limit = limit;
    }

    /**
     * Adds a listener that runs inside the commit, before the transaction commits.
     *
     * @param listener receives the pending changes
     */
    public void onBeforeCommit(Consumer<List<Written>> listener) {
        beforeCommit.add(listener);
    }

    /**
     * Adds a listener that runs after a successful commit.
     *
     * @param listener receives the committed changes
     */
    public void onAfterCommit(Consumer<List<Written>> listener) {
        afterCommit.add(listener);
    }

    /** Listens to every entity; called before the descriptors are initialized. */
    @Override
    public void customize(Session session) {
        for (ClassDescriptor descriptor : session.getDescriptors().values()) {
            // A subclass's events also reach its parent's listeners: listening on both would report twice.
            if (!descriptor.isChildDescriptor() && !descriptor.isAggregateDescriptor()
                    && !descriptor.isAggregateCollectionDescriptor()) {
                descriptor.getEventManager().addListener(this);
            }
        }
    }

    /**
     * The before-commit listeners need every pending change, so every bind is flushed first; what
     * they change is flushed by the commit and reaches the after-commit listeners.
     */
    @Override
    public void beforeCommit(ScopeState scope) {
        if (beforeCommit.isEmpty()) {
            return;
        }
        flush(scope);
        List<Written> pending = pending(scope);
        if (!pending.isEmpty()) {
            List<Written> copy = List.copyOf(pending);
            for (Consumer<List<Written>> listener : beforeCommit) {
                listener.accept(copy);
            }
        }
    }

    /** Runs in the next transaction: a failing listener undoes nothing and stops no other. */
    @Override
    public void afterCommit(ScopeState scope) {
        List<Written> pending = pending(scope);
        if (pending.isEmpty()) {
            return;
        }
        List<Written> committed = List.copyOf(pending);
        pending.clear();
        for (Consumer<List<Written>> listener : afterCommit) {
            try {
                listener.accept(committed);
            } catch (RuntimeException e) {
                LOG.error("dbfilter: an after-commit listener failed; the commit stands and the other listeners ran."
                        + " Catch its exceptions in the listener: {}", e.toString(), e);
            }
        }
    }

    @Override
    public void rolledBack(ScopeState scope) {
        pending(scope).clear();
    }

    @Override
    public void closing(ScopeState scope) {
        pending(scope).clear();
    }

    private List<Written> pending(ScopeState scope) {
        List<Written> pending = scope.slot(slot);
        return pending == null ? new ArrayList<>() : pending;
    }

    /** A flush failing here is the commit failing: thrown as {@code Db.commit()} documents it. */
    private static void flush(ScopeState scope) {
        try {
            scope.flush();
        } catch (PersistenceException e) {
            throw new RollbackException(e.getMessage(), e);
        }
    }

    @Override
    public void postInsert(DescriptorEvent event) {
        collect(event, Kind.INSERT);
    }

    @Override
    public void postUpdate(DescriptorEvent event) {
        collect(event, Kind.UPDATE);
    }

    @Override
    public void postDelete(DescriptorEvent event) {
        collect(event, Kind.DELETE);
    }

    /** EclipseLink's side: one event per row written, collected in the current thread's scope. */
    private void collect(DescriptorEvent event, Kind kind) {
        ScopeState scope = ScopeState.of(this, slot);
        if (scope == null) {
            return;
        }
        List<Written> pending = scope.slot(slot);
        if (pending == null) {
            pending = new ArrayList<>();
            scope.slot(slot, pending);
        }
        if (pending.size() < limit) {
            pending.add(new Written(event.getSource(), kind));
            if (pending.size() == limit) {
                // Logged when the limit is reached, so once per transaction: later rows are not collected.
                LOG.warn("dbfilter: a transaction of {} reached {} written entities (db.recordLimit): the commit"
                        + " listeners get at most the first {}. Commit in smaller batches, or raise db.recordLimit.",
                        scope.engines().name(), limit, limit);
            }
        }
    }
}

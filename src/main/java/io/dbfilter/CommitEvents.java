package io.dbfilter;

import jakarta.persistence.PersistenceException;
import jakarta.persistence.RollbackException;
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
 * The commit events of one Database, for {@code db.trackModifications}: collects the entities each
 * flush writes in the current scope, and around {@link Db#commit()} hands them to the listeners
 * registered with {@link Database#onBeforeCommit} and {@link Database#onAfterCommit}.
 *
 * <p>EclipseLink's postInsert, postUpdate and postDelete descriptor events fire once per written row,
 * in flush order, only for rows really written (an unchanged entity gets no UPDATE and no event).
 * Start-up installs this listener only when tracking is on.
 */
final class CommitEvents extends DescriptorEventAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final List<Consumer<List<Change>>> beforeCommit = new CopyOnWriteArrayList<>();
    private final List<Consumer<List<Change>>> afterCommit = new CopyOnWriteArrayList<>();

    /** Listens to every entity; called from the session customizer, before the descriptors are initialized. */
    void install(Session session) {
        for (ClassDescriptor descriptor : session.getDescriptors().values()) {
            // A subclass's events also reach its parent's listeners: listening on both would report twice.
            if (!descriptor.isChildDescriptor() && !descriptor.isAggregateDescriptor()
                    && !descriptor.isAggregateCollectionDescriptor()) {
                descriptor.getEventManager().addListener(this);
            }
        }
    }

    void onBeforeCommit(Consumer<List<Change>> listener) {
        beforeCommit.add(checked(listener));
    }

    void onAfterCommit(Consumer<List<Change>> listener) {
        afterCommit.add(checked(listener));
    }

    private static Consumer<List<Change>> checked(Consumer<List<Change>> listener) {
        if (listener == null) {
            throw new IllegalArgumentException("dbfilter: a commit listener must not be null.");
        }
        return listener;
    }

    @Override
    public void postInsert(DescriptorEvent event) {
        collect(event, Change.Operation.INSERT);
    }

    @Override
    public void postUpdate(DescriptorEvent event) {
        collect(event, Change.Operation.UPDATE);
    }

    @Override
    public void postDelete(DescriptorEvent event) {
        collect(event, Change.Operation.DELETE);
    }

    private void collect(DescriptorEvent event, Change.Operation operation) {
        Database.Scope scope = Db.current();
        if (scope == null || scope.database.commitEvents != this) {
            return;
        }
        scope.log().changes.add(new Change(event.getSource(), operation));
    }

    /**
     * Commits the scope's transactions with the listeners around them; the next ones begin at once.
     * The before-commit listeners need every pending change, so every bind's session is flushed
     * first; what they change is flushed by the commit and reaches the after-commit listeners. Any
     * failure up to the commit rolls every bind back, drops the collected changes and is thrown.
     */
    void commit(Database.Scope scope, Sessions sessions) {
        List<Change> changes = scope.log().changes;
        List<Change> committed;
        try {
            if (!beforeCommit.isEmpty()) {
                flush(sessions);
                if (!changes.isEmpty()) {
                    List<Change> pending = List.copyOf(changes);
                    for (Consumer<List<Change>> listener : beforeCommit) {
                        listener.accept(pending);
                    }
                }
            }
            sessions.commit();
            committed = List.copyOf(changes);
        } catch (RuntimeException | Error e) {
            try {
                sessions.rollback();
            } catch (RuntimeException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        } finally {
            changes.clear();
        }
        if (!committed.isEmpty()) {
            afterCommit(committed);
        }
    }

    /** A flush failing here is the commit failing: thrown as {@link Db#commit()} documents it. */
    private static void flush(Sessions sessions) {
        try {
            sessions.flush();
        } catch (PersistenceException e) {
            throw new RollbackException(e.getMessage(), e);
        }
    }

    /** Runs after a successful commit, in the next transaction: a failing listener undoes nothing and stops no other. */
    private void afterCommit(List<Change> committed) {
        for (Consumer<List<Change>> listener : afterCommit) {
            try {
                listener.accept(committed);
            } catch (RuntimeException e) {
                LOG.error("dbfilter: an after-commit listener failed; the commit stands and the other listeners ran."
                        + " Catch its exceptions in the listener: {}", e.toString(), e);
            }
        }
    }
}

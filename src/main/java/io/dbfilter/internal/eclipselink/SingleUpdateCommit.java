package io.dbfilter.internal.eclipselink;

import io.dbfilter.internal.jdbc.SingleUpdate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.descriptors.DescriptorEventListener;
import org.eclipse.persistence.descriptors.DescriptorEventManager;
import org.eclipse.persistence.internal.sessions.DirectToFieldChangeRecord;
import org.eclipse.persistence.internal.sessions.ObjectChangeSet;
import org.eclipse.persistence.internal.sessions.RepeatableWriteUnitOfWork;
import org.eclipse.persistence.internal.sessions.UnitOfWorkChangeSet;
import org.eclipse.persistence.internal.sessions.UnitOfWorkImpl;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;
import org.eclipse.persistence.sessions.changesets.ChangeRecord;

/**
 * {@code db.autocommitSingleUpdate}: a commit whose only write is one UPDATE of one row sends it in
 * autocommit ({@link SingleUpdate}), the way a hand-written {@code UPDATE} runs: the load, change,
 * commit of one entity costs the SELECT and the UPDATE, not also a BEGIN and a COMMIT.
 *
 * <p>EclipseLink has computed the commit's changes, and not yet begun its transaction, when it
 * raises {@code postCalculateUnitOfWorkChangeSet}. The thread is armed only when that commit can
 * send nothing but the one UPDATE, and nothing can fail after it:
 * <ul>
 * <li>a commit, not a flush, and no transaction begun before it (an earlier flush, a bulk update, a
 * native query or a pessimistic lock keep their transaction to its end);
 * <li>one changed entity, not new, nothing deleted, no version forced on another entity;
 * <li>its changes are plain columns of its one table (no relation, collection, second table or
 * inheritance, no history, no custom update query);
 * <li>no entity callback or listener of the application's can run after the UPDATE and throw
 * (dbfilter's own listeners and Bean Validation, which runs before it, are harmless).
 * </ul>
 * A {@code @Version} or changed-columns check still runs: a stale row updates nothing and the
 * commit fails with nothing written, as in a transaction.
 */
public final class SingleUpdateCommit extends SessionEventAdapter {
    /** Whether an entity's UPDATE is one row and nothing after it, by descriptor: fixed once the session is logged in. */
    private final Map<ClassDescriptor, Boolean> oneRow = new ConcurrentHashMap<>();

    @Override
    public void postCalculateUnitOfWorkChangeSet(SessionEvent event) {
        if (event.getSession() instanceof RepeatableWriteUnitOfWork work
                && event.getProperty("UnitOfWorkChangeSet") instanceof UnitOfWorkChangeSet changes
                && isSingleUpdate(work, changes)) {
            SingleUpdate.arm();
        }
    }

    /**
     * EclipseLink takes a transaction's connection lazily, for its first statement, which takes the
     * arm. A transaction that ends before it sent one (a Bean Validation failure, say) must not leave
     * the arm to the thread's next connection: every transaction ends in one of these two events.
     */
    @Override
    public void preCommitTransaction(SessionEvent event) {
        SingleUpdate.disarm();
    }

    @Override
    public void preRollbackTransaction(SessionEvent event) {
        SingleUpdate.disarm();
    }

    boolean isSingleUpdate(RepeatableWriteUnitOfWork work, UnitOfWorkChangeSet changes) {
        if (work.getLifecycle() != UnitOfWorkImpl.CommitPending || work.isWithinFlush() || work.isNestedUnitOfWork()
                || work.wasTransactionBegunPrematurely() || work.getParent().isInTransaction()
                || work.hasDeletedObjects() || changes.hasDeletedObjects() || changes.hasForcedChanges()) {
            return false;
        }
        ObjectChangeSet only = null;
        for (ObjectChangeSet each : changes.getAllChangeSets().keySet()) {
            if (each.hasChanges() || each.hasForcedChanges()) {
                if (only != null) {
                    return false;
                }
                only = each;
            }
        }
        return only != null && !only.isNew() && !only.hasForcedChanges() && only.getDescriptor() != null
                && oneRow.computeIfAbsent(only.getDescriptor(), SingleUpdateCommit::isOneRow) && onlyColumns(only);
    }

    private static boolean isOneRow(ClassDescriptor descriptor) {
        return !descriptor.hasMultipleTables() && !descriptor.hasInheritance() && !descriptor.isAggregateDescriptor()
                && descriptor.getHistoryPolicy() == null && !descriptor.getQueryManager().hasUpdateQuery()
                && onlyOurListeners(descriptor.getEventManager());
    }

    private static boolean onlyColumns(ObjectChangeSet change) {
        for (ChangeRecord record : change.getChanges()) {
            if (!(record instanceof DirectToFieldChangeRecord)) {
                return false;
            }
        }
        return true;
    }

    private static boolean onlyOurListeners(DescriptorEventManager events) {
        if (events.hasEntityEventListener() || events.hasEntityListenerEventListeners()
                || events.hasDefaultEventListeners() || events.getPostUpdateSelector() != null) {
            return false;
        }
        for (DescriptorEventListener listener : events.getEventListeners()) {
            if (!listener.getClass().getName().startsWith("io.dbfilter.internal.")) {
                return false;
            }
        }
        return true;
    }
}

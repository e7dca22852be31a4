package io.dbfilter.internal.scope;

import io.dbfilter.internal.util.Failures;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.RollbackException;
import java.util.ArrayList;

/**
 * The EntityManagers of one {@link ScopeState}: at most one per bind, each created on its first
 * use with a transaction begun, committed bind after bind, and rolled back and closed together when
 * the scope ends.
 *
 * <p>Committing several binds is not a distributed transaction. When one commit fails, the binds
 * committed before it stay committed, and the binds after it are rolled back rather than
 * committed, so that no bind keeps half of the work pending; the exception names each group.
 */
final class Sessions {
    private final Engines database;
    /** By bind index: the default bind first, then the binds in {@code db.binds} order. */
    private final EntityManager[] open;

    Sessions(Engines database) {
        this.database = database;
        this.open = new EntityManager[database.size()];
    }

    /** The bind's EntityManager, created on the first call, always with an active transaction. */
    EntityManager get(int index) {
        EntityManager current = open[index];
        if (current == null) {
            current = database.createEntityManager(index);
            open[index] = current;
        }
        var transaction = current.getTransaction();
        if (!transaction.isActive()) {
            transaction.begin();
        }
        return current;
    }

    boolean has(int index) {
        return open[index] != null;
    }

    boolean hasActive() {
        for (EntityManager session : open) {
            if (isActive(session)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isActive(EntityManager session) {
        return session != null && session.getTransaction().isActive();
    }

    /** Flushes every bind with an active transaction, in bind order, without committing. */
    void flush() {
        for (EntityManager session : open) {
            if (isActive(session)) {
                session.flush();
            }
        }
    }

    /** Commits every active transaction in bind order, then begins the next ones at once. */
    void commit() {
        EntityManager only = null;
        int active = 0;
        for (EntityManager session : open) {
            if (isActive(session)) {
                only = session;
                active++;
            }
        }
        if (active > 1) {
            commitEach();
            return;
        }
        if (only == null) {
            return;
        }
        try {
            only.getTransaction().commit();
        } finally {
            only.getTransaction().begin();
        }
    }

    private void commitEach() {
        var committed = new ArrayList<String>();
        var rolledBack = new ArrayList<String>();
        var failures = new Failures();
        RuntimeException failure = null;
        String failed = null;
        for (int i = 0; i < open.length; i++) {
            if (!isActive(open[i])) {
                continue;
            }
            EntityTransaction transaction = open[i].getTransaction();
            try {
                if (failure == null) {
                    transaction.commit();
                    committed.add(database.describe(i));
                } else {
                    transaction.rollback();
                    rolledBack.add(database.describe(i));
                }
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                    failed = database.describe(i);
                }
                failures.add(e);
            } finally {
                if (!transaction.isActive()) {
                    transaction.begin();
                }
            }
        }
        if (failure != null) {
            throw new RollbackException("dbfilter: Db.commit() failed on " + failed + " after committing "
                    + (committed.isEmpty() ? "nothing" : String.join(" and ", committed))
                    + (rolledBack.isEmpty() ? "" : "; rolled back instead: " + String.join(" and ", rolledBack))
                    + ". Binds are separate databases and Db.commit() is not a distributed transaction: "
                    + (committed.isEmpty() ? "no bind's work was committed."
                            : "the committed work stays, so the databases now disagree until the application"
                                    + " repairs them.") + " The cause is attached.", failure);
        }
    }

    /** Rolls back every active transaction, then begins the next ones at once. */
    void rollback() {
        var failures = new Failures();
        for (EntityManager session : open) {
            if (isActive(session)) {
                failures.run(() -> restart(session));
            }
        }
        failures.throwIfAny();
    }

    private static void restart(EntityManager session) {
        try {
            session.getTransaction().rollback();
        } finally {
            if (!session.getTransaction().isActive()) {
                session.getTransaction().begin();
            }
        }
    }

    /**
     * Rolls back and closes every EntityManager, whatever fails on the way, and then throws the
     * first failure with the others suppressed.
     */
    void close() {
        var failures = new Failures();
        for (int i = 0; i < open.length; i++) {
            EntityManager current = open[i];
            if (current == null) {
                continue;
            }
            open[i] = null;
            failures.run(() -> {
                if (current.getTransaction().isActive()) {
                    current.getTransaction().rollback();
                }
            });
            try {
                failures.run(current::close);
            } finally {
                database.sessionClosed();
            }
        }
        failures.throwIfAny();
    }
}

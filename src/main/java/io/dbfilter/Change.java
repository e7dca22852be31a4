package io.dbfilter;

import io.dbfilter.internal.observe.CommitTracker;
import java.util.List;
import java.util.function.Consumer;

/**
 * One entity written to the database by a flush, as collected with {@code db.trackModifications=true}
 * and handed to {@link Database#onBeforeCommit} and {@link Database#onAfterCommit} listeners, like
 * the {@code (model, operation)} pairs of Flask-SQLAlchemy's {@code models_committed} signal.
 *
 * @param entity    the entity instance the session wrote (for a DELETE, the removed instance)
 * @param operation what the database did with its row
 * @since 0.1
 */
public record Change(Object entity, Operation operation) {
    /**
     * Checks the parts.
     *
     * @param entity    the entity instance
     * @param operation what was done with it
     */
    public Change {
        if (entity == null || operation == null) {
            throw new IllegalArgumentException("dbfilter: a Change needs an entity and an operation.");
        }
    }

    /**
     * What a flush did with an entity's row.
     *
     * @since 0.1
     */
    public enum Operation {
        /** The entity's row was inserted. */
        INSERT,
        /** The entity's row was updated. */
        UPDATE,
        /** The entity's row was deleted. */
        DELETE
    }

    /** Hands a listener of the API the changes as the tracker collected them. */
    static Consumer<List<CommitTracker.Written>> listener(Consumer<List<Change>> listener) {
        if (listener == null) {
            throw new IllegalArgumentException("dbfilter: a commit listener must not be null.");
        }
        return written -> listener.accept(written.stream()
                .map(change -> new Change(change.entity(), Operation.valueOf(change.kind().name()))).toList());
    }
}

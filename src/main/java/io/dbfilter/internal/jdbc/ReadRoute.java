package io.dbfilter.internal.jdbc;

/**
 * What a {@link ReplicaRouter} asks the scope on the current thread before it hands out a read
 * connection, and what it tells it after: the router knows servers, the scope knows whether this
 * request has written or asked for the primary.
 */
public interface ReadRoute {
    /** The route until the Database has started: start-up (its login, createAll, migrations) reads the primary. */
    ReadRoute PRIMARY = new ReadRoute() {
        @Override
        public boolean primaryOnly() {
            return true;
        }

        @Override
        public void readingOn(boolean replica) {
        }
    };

    /**
     * Whether the current thread's scope must read this bind on the primary: it has written, asked
     * for the primary, or its client committed moments ago.
     *
     * @return true to skip the replica
     */
    boolean primaryOnly();

    /**
     * Where the statement about to run on the connection just handed out will run, for the records
     * and meters that tell the servers apart.
     *
     * @param replica true for the replica, false for the primary
     */
    void readingOn(boolean replica);
}

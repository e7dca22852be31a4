package io.dbfilter.internal.replica;

import io.dbfilter.internal.jdbc.ReadRoute;
import io.dbfilter.internal.jdbc.ReplicaRouter;
import io.dbfilter.internal.scope.Engines;
import io.dbfilter.internal.scope.RequestInfo;
import io.dbfilter.internal.scope.ScopeListener;
import io.dbfilter.internal.scope.ScopeState;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;
import org.eclipse.persistence.internal.databaseaccess.Accessor;
import org.eclipse.persistence.internal.databaseaccess.DatasourceCall;
import org.eclipse.persistence.jpa.JpaEntityManagerFactory;
import org.eclipse.persistence.queries.DatabaseQuery;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;
import org.eclipse.persistence.sessions.server.ClientSession;
import org.eclipse.persistence.sessions.server.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code db.replica.url}: what each scope needs from its binds' replicas. A scope reads a bind on
 * its replica until it writes to that bind: EclipseLink then begins the bind's transaction on the
 * primary (a flush, a bulk update, a lock), and from there on every statement of that bind in the
 * scope runs on the primary, commits included. {@code Db.primary()} does the same for every bind at
 * once, and so does a valid read-your-writes cookie ({@link PrimaryCookie}), which a scope that
 * committed a write sets on its response. A thread with no scope of this Database (start-up, DDL,
 * migrations) always reads the primary, which has every table it just created.
 */
public final class Replicas extends SessionEventAdapter implements ScopeListener {
    private static final Logger LOG = LoggerFactory.getLogger("io.dbfilter.Database");
    /** Every bind. */
    private static final int ALL = -1;

    private final int slot;
    private final PrimaryCookie cookie;
    /** Each bind's server session and its bit, to tell which bind an EclipseLink event belongs to. */
    private volatile Map<Session, Integer> bits = Map.of();
    private volatile int withReplica;

    /** What one scope keeps, allocated by its first read or write on a bind with a replica. */
    private static final class Reads {
        /** The binds whose reads go to the primary for the rest of the scope. */
        int primary;
        /** The binds that began a transaction on the primary since the scope last committed. */
        int written;
        /** The binds whose last connection from the read pool came from their replica. */
        int onReplica;
        boolean cookieRead;
        boolean cookieSet;
    }

    /**
     * Creates the feature.
     *
     * @param slot         its position among the Database's listeners
     * @param secret       {@code db.replica.secret}, or null for a random key of this JVM
     * @param windowMillis {@code db.replica.readYourWrites}
     */
    public Replicas(int slot, String secret, long windowMillis) {
        this.slot = slot;
        this.cookie = new PrimaryCookie(secret, windowMillis);
        if (secret == null) {
            LOG.info("dbfilter: db.replica.secret is not set, so read-your-writes cookies are signed with a key of this"
                    + " JVM. With several application nodes, set the same db.replica.secret on each.");
        }
    }

    @Override
    public void customize(Session session) {
        session.getEventManager().addListener(this);
    }

    @Override
    public void started(Engines engines) {
        var byServer = new IdentityHashMap<Session, Integer>();
        for (int i = 0; i < engines.size(); i++) {
            var engine = engines.engine(i);
            // Past 32 binds, bits repeat: a bind may then read on its primary more often, never on a stale replica.
            int bit = 1 << i;
            byServer.put(engine.factory().unwrap(JpaEntityManagerFactory.class).getServerSession(), bit);
            ReplicaRouter router = engine.replica();
            if (router != null) {
                withReplica |= bit;
                router.route(new BindRoute(bit));
            }
        }
        bits = byServer;
    }

    /**
     * Sends every later read of the scope to the primary: {@code Db.primary()}.
     *
     * @param scope the current scope
     */
    public void primary(ScopeState scope) {
        reads(scope).primary = ALL;
    }

    /**
     * Whether a statement ran on a replica: it ran on a connection of EclipseLink's read pool
     * (not the scope's write connection), and the router took that connection from the replica.
     *
     * @param scope the statement's scope
     * @param event EclipseLink's {@code preExecuteCall} or {@code postExecuteCall}
     * @return true for the replica, false for the primary
     */
    public boolean ranOnReplica(ScopeState scope, SessionEvent event) {
        if (!(event.getSession() instanceof ServerSession server) || !(event.getCall() instanceof DatasourceCall call)) {
            return false;
        }
        DatabaseQuery query = call.getQuery();
        Collection<Accessor> accessors = query == null ? null : query.getAccessors();
        if (accessors == null) {
            return false;
        }
        for (Accessor accessor : accessors) {
            if (accessor.getPool() == server.getReadConnectionPool()) {
                Reads reads = scope.slot(slot);
                return reads != null && (reads.onReplica & bit(server)) != 0;
            }
        }
        return false;
    }

    /** A write began the bind's transaction on the primary: its reads follow there for the rest of the scope. */
    @Override
    public void postBeginTransaction(SessionEvent event) {
        if (!(event.getSession() instanceof ClientSession client)) {
            return;
        }
        ScopeState scope = ScopeState.of(this, slot);
        int bind = bit(client.getParent());
        if (scope != null && (bind & withReplica) != 0) {
            Reads reads = reads(scope);
            reads.primary |= bind;
            reads.written |= bind;
        }
    }

    @Override
    public void afterCommit(ScopeState scope) {
        Reads reads = scope.slot(slot);
        if (reads == null || reads.written == 0) {
            return;
        }
        reads.written = 0;
        RequestInfo request = scope.request();
        if (request != null && !reads.cookieSet) {
            reads.cookieSet = true;
            request.setCookie(PrimaryCookie.NAME, cookie.issue(System.currentTimeMillis()), cookie.windowMillis());
        }
    }

    @Override
    public void rolledBack(ScopeState scope) {
        Reads reads = scope.slot(slot);
        if (reads != null) {
            // Nothing was committed; the scope's later reads stay on the primary all the same.
            reads.written = 0;
        }
    }

    private int bit(Session server) {
        return bits.getOrDefault(server, 0);
    }

    private Reads reads(ScopeState scope) {
        Reads reads = scope.slot(slot);
        if (reads == null) {
            reads = new Reads();
            scope.slot(slot, reads);
        }
        return reads;
    }

    /** One bind's view, for its router. */
    private final class BindRoute implements ReadRoute {
        private final int bind;

        BindRoute(int bind) {
            this.bind = bind;
        }

        @Override
        public boolean primaryOnly() {
            ScopeState scope = ScopeState.of(Replicas.this, slot);
            if (scope == null) {
                return true;
            }
            Reads reads = reads(scope);
            if (!reads.cookieRead) {
                reads.cookieRead = true;
                RequestInfo request = scope.request();
                if (request != null && cookie.valid(request.cookie(PrimaryCookie.NAME), System.currentTimeMillis())) {
                    reads.primary = ALL;
                }
            }
            return (reads.primary & bind) != 0;
        }

        @Override
        public void readingOn(boolean replica) {
            ScopeState scope = ScopeState.of(Replicas.this, slot);
            if (scope != null) {
                Reads reads = reads(scope);
                reads.onReplica = replica ? reads.onReplica | bind : reads.onReplica & ~bind;
            }
        }
    }
}

package io.dbfilter.internal.scope;

import com.zaxxer.hikari.HikariDataSource;
import io.dbfilter.internal.jdbc.JdbcUrl;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Database without a database, for the scope's rules: each bind hands out EntityManagers that
 * only write what happens to them ({@code begin analytics}, {@code commit default}, ...) into one
 * journal, beside what the listeners are told. An event named in {@link #failing} throws instead.
 */
final class Journal {
    final List<String> events = new ArrayList<>();
    /** Events that throw a PersistenceException naming themselves, such as {@code commit analytics}. */
    final Set<String> failing = new HashSet<>();

    /** A Database named {@code test} with the default bind and then {@code binds}, and these listeners. */
    Engines engines(List<String> binds, ScopeListener... listeners) {
        var engines = new ArrayList<Engine>();
        engines.add(engine(null));
        binds.forEach(bind -> engines.add(engine(bind)));
        return new Engines("test", engines, Map.of(), Arrays.asList(listeners));
    }

    Engines engines(ScopeListener... listeners) {
        return engines(List.of(), listeners);
    }

    /** The journal from this point on only. */
    List<String> since(Runnable work) {
        int from = events.size();
        work.run();
        return List.copyOf(events.subList(from, events.size()));
    }

    private void record(String event) {
        events.add(event);
        if (failing.contains(event)) {
            throw new PersistenceException(event + " failed");
        }
    }

    private Engine engine(String bind) {
        String name = bind == null ? "default" : bind;
        var factory = (EntityManagerFactory) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {EntityManagerFactory.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "createEntityManager" -> entityManager(name);
                    case "close" -> {
                        record("close factory " + name);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "factory " + name;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        // A pool never started: closing it does nothing.
        return new Engine(bind, bind == null ? "test" : "test-" + bind,
                JdbcUrl.parse("jdbc:postgresql://127.0.0.1/" + name, "db.url"), null, new HikariDataSource(), null,
                factory, null);
    }

    private EntityManager entityManager(String name) {
        record("create " + name);
        var transaction = new Transaction(name);
        return (EntityManager) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {EntityManager.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getTransaction" -> transaction;
                    case "flush" -> {
                        record("flush " + name);
                        yield null;
                    }
                    case "close" -> {
                        record("close " + name);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "session " + name;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A transaction that is active between begin and commit or rollback, failing or not, as JPA's is. */
    private final class Transaction implements EntityTransaction {
        private final String name;
        private boolean active;

        Transaction(String name) {
            this.name = name;
        }

        @Override
        public void begin() {
            if (active) {
                throw new IllegalStateException("begin " + name + " while active");
            }
            active = true;
            record("begin " + name);
        }

        @Override
        public void commit() {
            end("commit");
        }

        @Override
        public void rollback() {
            end("rollback");
        }

        private void end(String how) {
            if (!active) {
                throw new IllegalStateException(how + " " + name + " while not active");
            }
            active = false;
            record(how + " " + name);
        }

        @Override
        public void setRollbackOnly() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean getRollbackOnly() {
            return false;
        }

        @Override
        public boolean isActive() {
            return active;
        }

        @Override
        public void setTimeout(Integer timeout) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Integer getTimeout() {
            return null;
        }
    }

    /** A listener that writes each event it is told into the journal, prefixed with its name. */
    ScopeListener listener(String listenerName) {
        return new ScopeListener() {
            @Override
            public void started(Engines engines) {
                record(listenerName + " started");
            }

            @Override
            public void opened(ScopeState scope) {
                record(listenerName + " opened");
            }

            @Override
            public void beforeCommit(ScopeState scope) {
                record(listenerName + " beforeCommit");
            }

            @Override
            public void afterCommit(ScopeState scope) {
                record(listenerName + " afterCommit");
            }

            @Override
            public void commitFailed(ScopeState scope, Throwable failure, boolean committing) {
                record(listenerName + " commitFailed " + (committing ? "in the commit" : "before it") + ": "
                        + failure.getMessage());
            }

            @Override
            public void rolledBack(ScopeState scope) {
                record(listenerName + " rolledBack");
            }

            @Override
            public void unavailable(ScopeState scope) {
                record(listenerName + " unavailable");
            }

            @Override
            public void closing(ScopeState scope) {
                record(listenerName + " closing scope");
            }

            @Override
            public void closing(Engines engines) {
                record(listenerName + " closing engines");
            }
        };
    }

    /** A request whose response is, or is not yet, sent. */
    static RequestInfo request(String label, boolean responseCommitted) {
        return new RequestInfo() {
            @Override
            public String label() {
                return label;
            }

            @Override
            public boolean isResponseCommitted() {
                return responseCommitted;
            }

            @Override
            public String parameter(String name) {
                return null;
            }
        };
    }

    /** What {@code work} logs (slf4j-simple writes to System.err). */
    static String log(Runnable work) {
        PrintStream err = System.err;
        var buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setErr(err);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}

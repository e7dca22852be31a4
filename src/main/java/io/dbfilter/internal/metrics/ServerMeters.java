package io.dbfilter.internal.metrics;

import io.dbfilter.internal.jdbc.ReplicaRouter;
import io.dbfilter.internal.scope.Engines;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;

/**
 * The meters a Database with read replicas adds: its scopes' statements and their time split by
 * the server that ran them, and for each replica whether it serves reads now. Counters, not
 * timers: a scope hands over its totals when it ends, as {@code dbfilter.scope.*} are recorded.
 */
final class ServerMeters {
    private final Counter primary;
    private final Counter replica;
    private final Counter primaryTime;
    private final Counter replicaTime;
    private final List<Meter> all = new ArrayList<>();

    ServerMeters(MeterRegistry registry, Tags tags, Engines engines) {
        primary = statements(registry, tags, "primary");
        replica = statements(registry, tags, "replica");
        primaryTime = time(registry, tags, "primary");
        replicaTime = time(registry, tags, "replica");
        for (int i = 0; i < engines.size(); i++) {
            ReplicaRouter router = engines.engine(i).replica();
            if (router != null) {
                String bind = engines.engine(i).bind();
                all.add(Gauge.builder("dbfilter.replica.usable", router.health(), health -> health.usable() ? 1 : 0)
                        .tags(tags).tag("bind", bind == null ? "default" : bind)
                        .description("1 while the bind's replica serves reads, 0 while it is skipped because it"
                                + " cannot be reached or lags more than db.replica.maxLag").register(registry));
            }
        }
        all.addAll(List.of(primary, replica, primaryTime, replicaTime));
    }

    private Counter statements(MeterRegistry registry, Tags tags, String server) {
        return Counter.builder("dbfilter.statements").tags(tags).tag("server", server).baseUnit("statements")
                .description("SQL statements run by scopes, by the server that ran them").register(registry);
    }

    private Counter time(MeterRegistry registry, Tags tags, String server) {
        return Counter.builder("dbfilter.statements.time").tags(tags).tag("server", server).baseUnit("seconds")
                .description("Time scopes spent in SQL statements, by the server that ran them").register(registry);
    }

    void record(int primaryCount, long primaryNanos, int replicaCount, long replicaNanos) {
        primary.increment(primaryCount);
        primaryTime.increment(primaryNanos / 1e9);
        if (replicaCount > 0) {
            replica.increment(replicaCount);
            replicaTime.increment(replicaNanos / 1e9);
        }
    }

    List<Meter> meters() {
        return all;
    }
}

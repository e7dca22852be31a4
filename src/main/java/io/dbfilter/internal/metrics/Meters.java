package io.dbfilter.internal.metrics;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.dbfilter.internal.scope.Engines;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The meters of one Database in one registry, every one tagged {@code database=<name>}, and
 * HikariCP's own pool meters ({@code hikaricp.connections.*}, tagged {@code pool=<pool name>},
 * which is the Database's name for the default bind and {@code <name>-<bind>} for a bind).
 * The names are listed in docs/observability.md.
 */
final class Meters {
    private final MeterRegistry registry;
    private final DistributionSummary statements;
    private final Timer time;
    private final Counter succeeded;
    private final Counter failed;
    private final Counter inDoubt;
    private final Counter rollbacks;
    private final Counter warnings;
    private final Counter unavailable;
    private final Gauge open;
    private final ServerMeters servers;

    private Meters(MeterRegistry registry, Tags tags, LongAdder openScopes, ServerMeters servers) {
        this.registry = registry;
        this.servers = servers;
        statements = DistributionSummary.builder("dbfilter.scope.statements").baseUnit("statements").tags(tags)
                .description("SQL statements run by one scope (a request, or a Database.open() block) that ran any")
                .register(registry);
        time = Timer.builder("dbfilter.scope.database.time").tags(tags)
                .description("Time one scope that ran SQL statements spent in them, from handing each to the driver"
                        + " until it returned").register(registry);
        succeeded = commits(registry, tags, "succeeded");
        failed = commits(registry, tags, "failed");
        inDoubt = commits(registry, tags, "in_doubt");
        rollbacks = Counter.builder("dbfilter.rollbacks").tags(tags)
                .description("Db.rollback() calls and the rollbacks of failed commits").register(registry);
        warnings = Counter.builder("dbfilter.query.warnings").tags(tags)
                .description("Requests that ran more statements than db.warnQueries allows").register(registry);
        unavailable = Counter.builder("dbfilter.unavailable").tags(tags)
                .description("Requests answered 503 because the database could not be reached").register(registry);
        open = Gauge.builder("dbfilter.scopes.open", openScopes, LongAdder::sum).tags(tags)
                .description("Scopes open now").register(registry);
    }

    private static Counter commits(MeterRegistry registry, Tags tags, String result) {
        return Counter.builder("dbfilter.commits").tags(tags).tag("result", result)
                .description("Db.commit() calls that committed: succeeded, failed (rolled back), or in_doubt (the"
                        + " connection failed during the commit, so it may or may not have committed)")
                .register(registry);
    }

    /**
     * Registers the meters, and HikariCP's for every bind's pool.
     *
     * @throws IllegalArgumentException when {@code registry} is not a MeterRegistry
     */
    static Meters register(Object registry, Engines engines, LongAdder openScopes, boolean replicas) {
        if (!(registry instanceof MeterRegistry meterRegistry)) {
            throw new IllegalArgumentException("dbfilter: Database.recordMetrics takes an "
                    + MeterRegistry.class.getName() + ", not " + (registry == null ? "null"
                            : "a " + registry.getClass().getName()) + ".");
        }
        for (int i = 0; i < engines.size(); i++) {
            HikariDataSource pool = engines.engine(i).dataSource();
            pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meterRegistry));
            if (engines.engine(i).replica() != null) {
                engines.engine(i).replica().pool().setMetricsTrackerFactory(
                        new MicrometerMetricsTrackerFactory(meterRegistry));
            }
        }
        Tags tags = Tags.of("database", engines.name());
        return new Meters(meterRegistry, tags, openScopes,
                replicas ? new ServerMeters(meterRegistry, tags, engines) : null);
    }

    void scope(int count, long nanos) {
        statements.record(count);
        time.record(nanos, TimeUnit.NANOSECONDS);
    }

    void servers(int primaryCount, long primaryNanos, int replicaCount, long replicaNanos) {
        if (servers != null) {
            servers.record(primaryCount, primaryNanos, replicaCount, replicaNanos);
        }
    }

    void committed() {
        succeeded.increment();
    }

    void commitFailed(boolean doubtful) {
        (doubtful ? inDoubt : failed).increment();
    }

    void rolledBack() {
        rollbacks.increment();
    }

    void warned() {
        warnings.increment();
    }

    void unavailable() {
        this.unavailable.increment();
    }

    /** Removes this Database's meters; HikariCP removes its own when the pools close. */
    void remove() {
        for (Meter meter : List.of(statements, time, succeeded, failed, inDoubt, rollbacks, warnings, unavailable,
                open)) {
            registry.remove(meter);
        }
        if (servers != null) {
            servers.meters().forEach(registry::remove);
        }
    }
}

package io.dbfilter.internal.start;

import io.dbfilter.internal.config.Key;
import io.dbfilter.internal.config.Settings;
import io.dbfilter.internal.migrate.Migrations;
import io.dbfilter.internal.metrics.Metrics;
import io.dbfilter.internal.observe.CommitTracker;
import io.dbfilter.internal.observe.InsertOrder;
import io.dbfilter.internal.observe.QueryRecorder;
import io.dbfilter.internal.observe.QueryWarning;
import io.dbfilter.internal.replica.Replicas;
import io.dbfilter.internal.scope.ScopeListener;
import io.dbfilter.internal.web.ServerTiming;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides once, from the settings, which features a Database has: each one that is on becomes a
 * {@link ScopeListener}, and one that is off installs nothing, so neither EclipseLink nor a scope
 * pays for it. A new feature adds its line here and its own file; nothing else changes.
 */
final class Features {
    private Features() {
    }

    static List<ScopeListener> of(Settings settings, ClassLoader loader) {
        var features = new ArrayList<ScopeListener>();
        // First: the other features' start-up work may read the tables that migrations create.
        Migrations migrations = Migrations.of(settings, loader);
        if (migrations != null) {
            features.add(migrations);
        }
        // Before the features that tell the primary's statements from the replica's.
        Replicas replicas = hasReplica(settings) ? new Replicas(features.size(), settings.get(Key.REPLICA_SECRET),
                settings.count(Key.REPLICA_READ_YOUR_WRITES)) : null;
        if (replicas != null) {
            features.add(replicas);
        }
        // Before the query warning, which counts its warnings; it touches Micrometer only once given a registry.
        Metrics metrics = settings.flag(Key.METRICS) ? new Metrics(features.size(), replicas) : null;
        if (metrics != null) {
            features.add(metrics);
        }
        if (settings.flag(Key.INSERT_ORDER)) {
            features.add(new InsertOrder(features.size()));
        }
        if (settings.flag(Key.RECORD_QUERIES)) {
            var recorder = new QueryRecorder(features.size(), settings.count(Key.RECORD_LIMIT), replicas);
            features.add(recorder);
            if (settings.count(Key.WARN_QUERIES) > 0) {
                features.add(new QueryWarning(recorder, settings.count(Key.WARN_QUERIES),
                        metrics == null ? null : metrics::warned, settings.flag(Key.BATCH_FETCH)));
            }
            if (settings.flag(Key.SERVER_TIMING)) {
                features.add(new ServerTiming(recorder));
            }
        }
        if (settings.flag(Key.TRACK_MODIFICATIONS)) {
            features.add(new CommitTracker(features.size(), settings.count(Key.RECORD_LIMIT)));
        }
        return List.copyOf(features);
    }

    private static boolean hasReplica(Settings settings) {
        if (settings.get(Key.REPLICA_URL) != null) {
            return true;
        }
        return settings.binds().stream().anyMatch(bind -> settings.bind(bind).get(Key.REPLICA_URL) != null);
    }
}

package io.dbfilter.internal.start;

import io.dbfilter.internal.config.Key;
import io.dbfilter.internal.config.Settings;
import io.dbfilter.internal.metrics.Metrics;
import io.dbfilter.internal.observe.CommitTracker;
import io.dbfilter.internal.observe.QueryRecorder;
import io.dbfilter.internal.observe.QueryWarning;
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

    static List<ScopeListener> of(Settings settings) {
        var features = new ArrayList<ScopeListener>();
        // First, so that the query warning can count its warnings; it touches Micrometer only once given a registry.
        Metrics metrics = settings.flag(Key.METRICS) ? new Metrics(features.size()) : null;
        if (metrics != null) {
            features.add(metrics);
        }
        if (settings.flag(Key.RECORD_QUERIES)) {
            var recorder = new QueryRecorder(features.size());
            features.add(recorder);
            if (settings.count(Key.WARN_QUERIES) > 0) {
                features.add(new QueryWarning(recorder, settings.count(Key.WARN_QUERIES),
                        metrics == null ? null : metrics::warned));
            }
            if (settings.flag(Key.SERVER_TIMING)) {
                features.add(new ServerTiming(recorder));
            }
        }
        if (settings.flag(Key.TRACK_MODIFICATIONS)) {
            features.add(new CommitTracker(features.size()));
        }
        return List.copyOf(features);
    }
}

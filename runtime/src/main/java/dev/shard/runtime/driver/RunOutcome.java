package dev.shard.runtime.driver;

import dev.shard.runtime.task.ShardFailure;
import java.io.Serializable;
import java.util.List;

/**
 * The end of one run as the driver saw it: results in shard order (null for shards
 * without one), failures, a run-level error when the pool itself broke, and the report,
 * assembled when first asked for ({@link DeferredReport}).
 */
public record RunOutcome(List<Serializable> results, List<ShardFailure> failures, String runError,
        DeferredReport report) {

    public boolean succeeded() {
        return failures.isEmpty() && runError == null;
    }
}

package dev.shard.planner.run;

import dev.shard.planner.physical.PhysicalPlan;
import dev.shard.runtime.api.Pool;
import java.util.ArrayList;
import java.util.List;

/** Runs plans whose sources are generated (no scan to bind) and reads their rows back for comparison. */
final class GeneratedQueries {
    private GeneratedQueries() {
    }

    static QueryResult run(Pool pool, PhysicalPlan plan) {
        return QueryRunner.run(pool, plan, source -> {
            throw new AssertionError("no scan here");
        });
    }

    /** The result's rows in order; doubles compare by their bits through equals, so a changed last bit fails. */
    static List<List<Object>> rows(QueryResult result) {
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < result.table().rows(); r++) {
            rows.add(result.table().row(r));
        }
        return rows;
    }
}

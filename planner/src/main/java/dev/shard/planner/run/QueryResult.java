package dev.shard.planner.run;

import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.explain.PlanExplanation;
import dev.shard.runtime.report.RunReport;
import java.util.Optional;

/**
 * A finished query: its result table on the driver, the worker stage's run report (empty
 * when the input had no rows and nothing ran), explain with actuals, and the compute time.
 */
public record QueryResult(ColumnTable table, Optional<RunReport> report, PlanExplanation explanation,
        double computeSeconds) {
}

package dev.shard.planner.run;

import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.explain.PlanExplanation;
import dev.shard.runtime.report.RunReport;
import java.util.List;
import java.util.Optional;

/**
 * A finished query: its result table on the driver, the query's run report (every stage's
 * run combined: broadcast builds, a partitioned join's partition and join steps, the final
 * stage; empty when nothing ran), explain with actuals, the compute time, and each stage's
 * own run report in run order.
 */
public record QueryResult(ColumnTable table, Optional<RunReport> report, PlanExplanation explanation,
        double computeSeconds, List<StageRunReport> stageReports) {
    public QueryResult {
        stageReports = List.copyOf(stageReports);
    }
}

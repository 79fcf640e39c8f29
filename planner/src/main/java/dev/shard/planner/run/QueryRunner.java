package dev.shard.planner.run;

import dev.shard.planner.exec.StageKernel;
import dev.shard.planner.exec.StageResult;
import dev.shard.planner.exec.aggregate.FinalAggregator;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.physical.DriverExec;
import dev.shard.planner.physical.DriverExec.FinalAggregateExec;
import dev.shard.planner.physical.DriverExec.LimitExec;
import dev.shard.planner.physical.DriverExec.SortExec;
import dev.shard.planner.physical.PhysicalPlan;
import dev.shard.planner.physical.PhysicalPlanner;
import dev.shard.planner.physical.SinkExec;
import dev.shard.planner.physical.SourceExec.ArrowScanExec;
import dev.shard.planner.physical.Stage;
import dev.shard.runtime.api.Pool;
import dev.shard.runtime.api.Run;
import dev.shard.runtime.api.RunOptions;
import dev.shard.runtime.api.Shards;
import dev.shard.runtime.report.RunReport;
import dev.shard.storage.SharedReference;
import dev.shard.storage.arrow.SharedArrowTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs a physical plan: the stage's shards on the pool's workers (inputs borrowed by
 * reference, never copied), then on the driver the merge of the partials in block
 * order, the finishing operators and the write.
 */
public final class QueryRunner {
    private QueryRunner() {
    }

    /**
     * @param tables how a scanned source is opened by the workers (an Arrow file, a shared table)
     */
    public static QueryResult run(Pool pool, PhysicalPlan plan,
            Function<dev.shard.planner.logical.TableSource, SharedReference<SharedArrowTable>> tables) {
        long start = System.nanoTime();
        Stage stage = plan.stage();
        List<StageResult> results = new ArrayList<>();
        Optional<RunReport> report = Optional.empty();
        if (stage.rows() > 0) {
            RunOptions options = RunOptions.none();
            if (stage.fragment().source() instanceof ArrowScanExec scan) {
                options = options.withInput(PhysicalPlanner.SCAN_INPUT, tables.apply(scan.source()));
            }
            Run<StageResult> run = pool.shardMap(Shards.contiguous(stage.rows(), stage.sizing().rowsPerShard()),
                    new StageKernel(stage.fragment()), options);
            report = Optional.of(run.report());
            results.addAll(run.results());
        }
        ColumnTable table = merge(plan, results);
        List<Long> driverRows = new ArrayList<>();
        for (DriverExec operator : plan.driverOperators()) {
            table = switch (operator) {
                case FinalAggregateExec aggregate -> table;
                case SortExec sort -> DriverOperators.sort(table, sort.keys());
                case LimitExec limit -> DriverOperators.limit(table, limit.count());
            };
            driverRows.add((long) table.rows());
        }
        if (plan.write().isPresent()) {
            TableWriters.write(table, plan.write().get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> notes = MeasuredPeak.notes(plan.context(), MeasuredPeak.of(plan.context(), report, 0));
        return new QueryResult(table, MeasuredPeak.flagged(report, notes),
                PlanExplainer.analyzed(plan, results, driverRows, report, seconds, notes), seconds);
    }

    private static ColumnTable merge(PhysicalPlan plan, List<StageResult> results) {
        SinkExec sink = plan.stage().fragment().sink();
        return switch (sink) {
            case SinkExec.PartialAggregateExec partial -> {
                FinalAggregateExec exec = (FinalAggregateExec) plan.driverOperators().getFirst();
                FinalAggregator aggregator = new FinalAggregator(exec.input(), exec.keys(), exec.aggregates(),
                        exec.output());
                results.forEach(result -> result.partials().forEach(aggregator::merge));
                yield aggregator.finish();
            }
            case SinkExec.CollectRowsExec collect -> results.isEmpty() ? ArrowTables.empty(collect.input())
                    : ColumnTable.concatenate(collect.input(), results.stream().map(StageResult::rows).toList());
        };
    }
}

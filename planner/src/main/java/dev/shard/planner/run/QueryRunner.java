package dev.shard.planner.run;

import dev.shard.planner.exec.StageFile;
import dev.shard.planner.exec.StageFiles;
import dev.shard.planner.exec.StageResult;
import dev.shard.planner.exec.aggregate.FinalAggregator;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.physical.DriverExec;
import dev.shard.planner.physical.DriverExec.FinalAggregateExec;
import dev.shard.planner.physical.DriverExec.LimitExec;
import dev.shard.planner.physical.DriverExec.MergeSortedExec;
import dev.shard.planner.physical.DriverExec.SortExec;
import dev.shard.planner.physical.PhysicalPlan;
import dev.shard.planner.physical.SinkExec;
import dev.shard.planner.type.Schema;
import dev.shard.runtime.api.Pool;
import dev.shard.runtime.report.RunReport;
import dev.shard.runtime.tune.HumanUnits;
import dev.shard.storage.SharedReference;
import dev.shard.storage.arrow.SharedArrowTable;
import dev.shard.storage.arrow.SharedTableInput;
import dev.shard.planner.explain.PlanExplanation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs a physical plan: first the plans of its broadcast build sides, each result shared
 * once as an Arrow table the stage's workers map (unlinked when the run ends), and its
 * partitioned joins (see PartitionedJoinRunner); then the stage's shards on the pool's workers (inputs borrowed by
 * reference, never copied; rows written by the workers as Arrow files into a stage
 * directory that is deleted when the run ends, also when it fails), then on the driver
 * the merge of the partials in block order (or, partials too many for the driver, the
 * merge stage in the workers, see PartitionedAggregateMerge) or of the shard files in
 * shard order, the finishing operators and the write.
 */
public final class QueryRunner {
    private QueryRunner() {
    }

    /**
     * @param tables how a scanned source is opened by the workers (an Arrow file, a shared table)
     */
    public static QueryResult run(Pool pool, PhysicalPlan plan,
            Function<dev.shard.planner.logical.TableSource, SharedReference<SharedArrowTable>> tables) {
        return run(pool, plan, tables, false);
    }

    /**
     * @param keepRows keep the rows on the driver even when the plan writes them to a file
     *     (a script's let that later statements read); otherwise rows bound for a CSV or
     *     Arrow file or an output buffer with nothing but an ordered merge and limits on the driver are streamed
     *     from the stage files into it (see StreamedWrite) and the result holds their count
     */
    public static QueryResult run(Pool pool, PhysicalPlan plan,
            Function<dev.shard.planner.logical.TableSource, SharedReference<SharedArrowTable>> tables,
            boolean keepRows) {
        long start = System.nanoTime();
        List<SharedTableInput> shared = new ArrayList<>();
        try (StageDirectory directory = StageDirectory.create()) {
            StageRuns.StageRun stageRun = StageRuns.run(pool, plan, directory.path(), "final stage", tables,
                    shared);
            List<StageResult> results = stageRun.results();
            Optional<RunReport> report = stageRun.report();
            List<PlanExplanation> builds = stageRun.before();
            long stageBytes = results.stream().map(StageResult::file).filter(Objects::nonNull)
                    .mapToLong(StageFile::bytes).sum();
            List<String> mergeNotes = new ArrayList<>(stageRun.notes());
            List<StageRunReport> stageReports = new ArrayList<>(stageRun.reports());
            Optional<StreamedWrite.Streamed> streamed = keepRows ? Optional.empty() : StreamedWrite.of(plan);
            if (streamed.isPresent()) {
                List<Long> driverRows = StreamedWrite.write(streamed.get(), plan, results);
                List<String> notes = new ArrayList<>(stageRun.notes());
                notes.add("the rows were streamed from the workers' " + HumanUnits.bytes(stageBytes)
                        + " of stage files into " + streamed.get().target().describe()
                        + ", one batch per shard on the driver at a time");
                long rows = driverRows.isEmpty() ? stageRowsOf(results) : driverRows.getLast();
                return finish(plan, start, results, report, builds, stageBytes, stageReports, driverRows, notes,
                        (explanation, queryReport, seconds) -> QueryResult.streamed(rows,
                                streamed.get().target().describe(), queryReport, explanation, seconds, stageReports));
            }
            ColumnTable table = merge(pool, plan, results, directory, mergeNotes, stageReports);
            List<Long> driverRows = new ArrayList<>();
            for (DriverExec operator : plan.driverOperators()) {
                table = switch (operator) {
                    case FinalAggregateExec aggregate -> table;
                    case MergeSortedExec merged -> table;
                    case SortExec sort -> DriverOperators.sort(table, sort.keys());
                    case LimitExec limit -> DriverOperators.limit(table, limit.count());
                    case DriverExec.FilterExec filter -> DriverExpressions.filter(table, filter.predicate());
                    case DriverExec.ProjectExec project -> DriverExpressions.project(table, project.columns(),
                            project.output());
                };
                driverRows.add((long) table.rows());
            }
            if (plan.write().isPresent()) {
                TableWriters.write(table, plan.write().get());
            }
            List<String> notes = new ArrayList<>(mergeNotes);
            boolean partialFiles = plan.stage().fragment().sink() instanceof SinkExec.PartialAggregateExec partial
                    && partial.partitioned();
            if (stageBytes > 0 && !partialFiles) {
                notes.add("the workers wrote " + HumanUnits.bytes(stageBytes)
                        + " of Arrow files to the stage directory; the driver mapped them");
            }
            ColumnTable result = table;
            return finish(plan, start, results, report, builds, stageBytes, stageReports, driverRows, notes,
                    (explanation, queryReport, seconds) -> QueryResult.kept(result, queryReport, explanation, seconds,
                            stageReports));
        } finally {
            shared.forEach(SharedTableInput::close);
        }
    }

    private interface Finished {
        QueryResult of(PlanExplanation explanation, Optional<RunReport> queryReport, double seconds);
    }

    private static QueryResult finish(PhysicalPlan plan, long start, List<StageResult> results,
            Optional<RunReport> report, List<PlanExplanation> builds, long stageBytes,
            List<StageRunReport> stageReports, List<Long> driverRows, List<String> notes, Finished finished) {
        double seconds = (System.nanoTime() - start) / 1e9;
        // Every stage's run (builds, partition and join steps, the final stage, the merge stage)
        // is in the query's report, and its largest peak is what the budget is checked against.
        Optional<RunReport> combined = QueryReports.combine(start, stageReports);
        List<String> flags = MeasuredPeak.of(plan.context(), combined, stageBytes).notes(plan.context());
        notes.addAll(flags);
        Optional<RunReport> queryReport = MeasuredPeak.flagged(combined, flags);
        return finished.of(PlanExplainer.withBuilds(builds,
                PlanExplainer.analyzed(plan, results, driverRows, report, seconds, notes)), queryReport, seconds);
    }

    private static long stageRowsOf(List<StageResult> results) {
        return results.stream().map(StageResult::file).filter(Objects::nonNull).mapToLong(StageFile::rows).sum();
    }

    private static ColumnTable merge(Pool pool, PhysicalPlan plan, List<StageResult> results,
            StageDirectory directory, List<String> notes, List<StageRunReport> stageReports) {
        SinkExec sink = plan.stage().fragment().sink();
        return switch (sink) {
            case SinkExec.PartialAggregateExec partial when partial.partitioned() -> {
                PartitionedAggregateMerge.Merged merged = PartitionedAggregateMerge.run(pool,
                        (FinalAggregateExec) plan.driverOperators().getFirst(), results, directory.path());
                notes.add(merged.note());
                merged.report().ifPresent(stageReports::add);
                yield merged.table();
            }
            case SinkExec.PartialAggregateExec partial -> {
                FinalAggregateExec exec = (FinalAggregateExec) plan.driverOperators().getFirst();
                FinalAggregator aggregator = new FinalAggregator(exec.input(), exec.keys(), exec.aggregates(),
                        exec.output());
                results.forEach(result -> result.partials().forEach(aggregator::merge));
                yield aggregator.finish();
            }
            case SinkExec.CollectRowsExec collect -> concatenate(collect.input(), files(results, collect.input()));
            case SinkExec.PartitionRowsExec partition -> throw new IllegalStateException(
                    "a partitioned join's side is run by PartitionedJoinRunner, not as a query");
            case SinkExec.SortedRowsExec sorted -> sorted.keys().isEmpty()
                    ? concatenate(sorted.input(), files(results, sorted.input()))
                    : DriverOperators.merge(sorted.input(), files(results, sorted.input()), sorted.keys());
        };
    }

    /** Each shard's committed file, read in shard order (shards without rows wrote none). */
    private static List<ColumnTable> files(List<StageResult> results, Schema schema) {
        return results.stream().map(StageResult::file).filter(Objects::nonNull)
                .map(file -> StageFiles.read(file, schema)).toList();
    }

    private static ColumnTable concatenate(Schema schema, List<ColumnTable> parts) {
        return parts.isEmpty() ? ArrowTables.empty(schema) : ColumnTable.concatenate(schema, parts);
    }
}

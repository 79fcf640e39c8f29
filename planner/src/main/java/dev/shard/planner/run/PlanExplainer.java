package dev.shard.planner.run;

import dev.shard.planner.logical.TableSource;
import dev.shard.planner.exec.StageResult;
import dev.shard.planner.explain.OperatorExplanation;
import dev.shard.planner.explain.PlanExplanation;
import dev.shard.planner.explain.StageExplanation;
import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.expr.NamedExpr;
import dev.shard.planner.physical.DriverExec;
import dev.shard.planner.physical.JoinSkew;
import dev.shard.planner.physical.PhysicalPlan;
import dev.shard.planner.physical.PipelineExec;
import dev.shard.planner.physical.SinkExec;
import dev.shard.planner.physical.SourceExec;
import dev.shard.planner.physical.Stage;
import dev.shard.planner.physical.StageSizing;
import dev.shard.runtime.report.RunReport;
import dev.shard.runtime.tune.HumanUnits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fills the explain records from a physical plan, and after a run from its actuals.
 * Operators are listed root first: the driver's operators, then the stage's sink,
 * pipeline and source. Estimates without statistics: a filter keeps half its rows, an
 * aggregation at most {@value #GROUP_ESTIMATE} groups.
 */
public final class PlanExplainer {
    static final long GROUP_ESTIMATE = 100_000;

    private PlanExplainer() {
    }

    /** The plan as sized against its planning context (budget, shared bytes, workers). */
    public static PlanExplanation planned(PhysicalPlan plan) {
        List<PlanExplanation> before = new ArrayList<>();
        plan.builds().forEach(build -> before.add(planned(build.plan())));
        for (PhysicalPlan.PartitionedJoin join : plan.partitionedJoins()) {
            before.add(planned(join.probe()));
            before.add(planned(join.build()));
            before.add(joinStage(join, null, Optional.empty(), -1, Optional.empty()));
        }
        return withBuilds(before,
                explanation(plan, null, List.of(), Optional.empty(), -1, plan.context().workers(), List.of()));
    }

    /**
     * The join stage of a partitioned join: one shard per partition, the partition count
     * and its arithmetic where the tuner's line goes; after a run ({@code results}) its actuals.
     */
    static PlanExplanation joinStage(PhysicalPlan.PartitionedJoin join, List<StageResult> results,
            Optional<RunReport> report, double seconds, Optional<String> skew) {
        PipelineExec.HashJoinExec exec = join.join();
        long probeRows = join.probe().stage().rows();
        List<OperatorExplanation> operators = List.of(
                new OperatorExplanation(0, "PartitionHashJoinExec", List.of(
                        Map.entry("type", exec.type().name().toLowerCase(java.util.Locale.ROOT)),
                        Map.entry("keys", renderJoinKeys(exec.keys())),
                        Map.entry("build", "partition p of the build side's files, hash table per partition"),
                        Map.entry("on", "workers, one shard per partition, into Arrow stage files")),
                        0, probeRows, actual(results, 1)),
                new OperatorExplanation(1, "PartitionScanExec", List.of(
                        Map.entry("probe", "partition p of the probe side's files, mapped zero-copy"),
                        Map.entry("partitions", Integer.toString(join.partitions()))),
                        1, probeRows, actual(results, 0)));
        int workers = report.map(r -> r.workers().size()).orElse(join.probe().context().workers());
        List<Long> peaks = report.map(r -> r.workers().stream().map(RunReport.WorkerReport::peakPrivateBytes)
                .toList()).orElse(List.of());
        long peak = join.probe().context().machine().workerBasePrivateBytes() + join.partitionWorkingSetBytes();
        List<String> notes = new ArrayList<>(List.of("the join's rows are read back in probe order above it: the"
                + " result does not depend on the partition count"));
        notes.add(skew.orElse(JoinSkew.PLANNED));
        notes.addAll(QueryReports.events(report));
        StageExplanation stage = new StageExplanation(0, operators, probeRows, actual(results, 0),
                exec.input().estimatedBytesPerRow(), (probeRows + join.partitions() - 1) / join.partitions(),
                join.partitions(), workers, "memory", join.arithmetic(), peak, peaks, seconds, notes);
        return new PlanExplanation(List.of(stage), join.probe().context().memoryBudgetBytes(),
                join.probe().context().sharedBytes(), results != null, seconds, List.of());
    }

    private static String renderJoinKeys(List<dev.shard.planner.logical.JoinKey> keys) {
        return String.join(", ", keys.stream().map(key -> key.left() + " == " + key.right()).toList());
    }

    /** The stages of the build sides (run first, in order), then {@code main}'s, numbered in run order. */
    static PlanExplanation withBuilds(List<PlanExplanation> builds, PlanExplanation main) {
        if (builds.isEmpty()) {
            return main;
        }
        List<StageExplanation> stages = new ArrayList<>();
        for (PlanExplanation build : builds) {
            stages.addAll(build.stages());
        }
        stages.addAll(main.stages());
        List<StageExplanation> numbered = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            StageExplanation s = stages.get(i);
            numbered.add(new StageExplanation(i, s.operators(), s.estimatedRows(), s.actualRows(), s.bytesPerRow(),
                    s.shardRows(), s.shards(), s.workers(), s.bindingConstraint(), s.tunerArithmetic(),
                    s.estimatedPeakPrivateBytesPerWorker(), s.actualPeakPrivateBytesPerWorker(), s.seconds(),
                    s.notes()));
        }
        return new PlanExplanation(numbered, main.memoryBudgetBytes(), main.memoryBudgetSource(), main.sharedBytes(),
                main.analyzed(),
                main.computeSeconds(), main.ruleSteps());
    }

    /** Kept for callers that pass the figures themselves; they must equal the plan's context. */
    public static PlanExplanation planned(PhysicalPlan plan, long memoryBudgetBytes, long sharedBytes, int workers) {
        return planned(plan);
    }

    static PlanExplanation analyzed(PhysicalPlan plan, List<StageResult> results, List<Long> driverRows,
            Optional<RunReport> report, double seconds, List<String> runNotes) {
        int workers = report.map(r -> r.workers().size()).orElse(plan.context().workers());
        return explanation(plan, results, driverRows, report, seconds, workers, runNotes);
    }

    private static PlanExplanation explanation(PhysicalPlan plan, List<StageResult> results, List<Long> driverRows,
            Optional<RunReport> report, double seconds, int workers, List<String> runNotes) {
        long budget = plan.context().memoryBudgetBytes();
        long shared = plan.context().sharedBytes();
        Stage stage = plan.stage();
        List<Entry> entries = new ArrayList<>();
        long rows = stage.rows();
        SourceExec source = stage.fragment().source();
        String sourceName = switch (source) {
            case SourceExec.GenerateExec generate -> "GenerateExec";
            case SourceExec.ArrowScanExec scan when scan.source() instanceof TableSource.SharedMatrix -> "MatrixScanExec";
            case SourceExec.ArrowScanExec scan -> "ArrowScanExec";
            case SourceExec.ProbeRowsExec probeRows -> "ProbeRowsExec";
        };
        entries.add(new Entry(sourceName, sourceParameters(source), rows, actual(results, 0)));
        List<PipelineExec> operators = stage.fragment().operators();
        for (int o = 0; o < operators.size(); o++) {
            PipelineExec operator = operators.get(o);
            rows = operator instanceof PipelineExec.FilterExec ? rows / 2 : rows;
            entries.add(switch (operator) {
                case PipelineExec.FilterExec filter -> new Entry("FilterExec",
                        List.of(Map.entry("predicate", filter.predicate().render())), rows, actual(results, o + 1));
                case PipelineExec.ProjectExec project -> new Entry("ProjectExec", List.of(Map.entry("columns",
                        String.join(", ", project.columns().stream().map(PlanExplainer::render).toList()))), rows,
                        actual(results, o + 1));
                case PipelineExec.HashJoinExec join -> new Entry("BroadcastHashJoinExec", List.of(
                        Map.entry("type", join.type().name().toLowerCase(java.util.Locale.ROOT)),
                        Map.entry("keys", String.join(", ", join.keys().stream()
                                .map(key -> key.left() + " == " + key.right()).toList())),
                        Map.entry("build", "stage input " + join.buildInput() + ", hash table built once per worker"),
                        Map.entry("strategy", join.strategy())), rows, actual(results, o + 1));
                case PipelineExec.PartitionedJoinExec join -> new Entry("PartitionedHashJoinExec", List.of(
                        Map.entry("type", join.type().name().toLowerCase(java.util.Locale.ROOT)),
                        Map.entry("keys", renderJoinKeys(join.keys())),
                        Map.entry("rows", join.partitions() + " joined partition files, merged back in probe order"),
                        Map.entry("strategy", join.strategy())), rows, actual(results, o + 1));
                case PipelineExec.MapKernelExec kernel -> new Entry("MapKernelExec", List.of(
                        Map.entry("class", kernel.kernelClass()), Map.entry("parameters", kernel.parameters()
                                .entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).toList().toString()),
                        Map.entry("columns", String.join(", ", kernel.output().names())),
                        Map.entry("footprint", footprint(kernel))), rows, actual(results, o + 1));
            });
        }
        SinkExec sink = stage.fragment().sink();
        if (sink instanceof SinkExec.PartialAggregateExec partial) {
            long partialRows = results == null ? -1 : partial.partitioned()
                    ? results.stream().filter(r -> r.file() != null).mapToLong(r -> r.file().rows()).sum()
                    : results.stream().mapToLong(r -> r.partials().groups()).sum();
            List<Map.Entry<String, String>> parameters = new ArrayList<>(aggregateParameters(partial.keys(),
                    partial.aggregates(), "per " + partial.blockRows() + "-row block"));
            parameters.add(Map.entry("partials", partial.partitioned() ? "split by key hash into "
                    + partial.partitions() + " partitions, one partial file per shard" : "sent to the driver"));
            entries.add(new Entry("PartialHashAggregateExec", parameters, Math.min(rows, GROUP_ESTIMATE),
                    partialRows));
            rows = Math.min(rows, GROUP_ESTIMATE);
        } else if (sink instanceof SinkExec.PartitionRowsExec partition) {
            long written = results == null ? -1 : results.stream().filter(r -> r.file() != null)
                    .mapToLong(r -> r.file().rows()).sum();
            entries.add(new Entry("HashPartitionExec", List.of(Map.entry("keys", String.join(", ", partition.keys())),
                    Map.entry("partitions", Integer.toString(partition.partitions())),
                    Map.entry("side", partition.side().name().toLowerCase(java.util.Locale.ROOT)),
                    Map.entry("on", "workers, per shard, one Arrow stage file with a record batch per partition")),
                    rows, written));
        } else if (sink instanceof SinkExec.SortedRowsExec sorted) {
            long kept = sorted.limit() < 0 ? rows : Math.min(rows, sorted.limit() * stage.sizing().shards());
            long keptActual = results == null ? -1 : results.stream().filter(r -> r.file() != null)
                    .mapToLong(r -> r.file().rows()).sum();
            List<Map.Entry<String, String>> parameters = new ArrayList<>();
            if (!sorted.keys().isEmpty()) {
                parameters.add(Map.entry("keys", renderKeys(sorted.keys())));
            }
            if (sorted.limit() >= 0) {
                parameters.add(Map.entry("limit", Long.toString(sorted.limit())));
            }
            parameters.add(Map.entry("on", "workers, per shard, into Arrow stage files"));
            entries.add(new Entry(sorted.keys().isEmpty() ? "ShardLimitExec" : "ShardSortExec", parameters, kept,
                    keptActual));
            rows = kept;
        }
        for (int d = 0; d < plan.driverOperators().size(); d++) {
            DriverExec operator = plan.driverOperators().get(d);
            long actual = d < driverRows.size() ? driverRows.get(d) : -1;
            entries.add(switch (operator) {
                case DriverExec.FinalAggregateExec aggregate -> new Entry("FinalHashAggregateExec",
                        finalParameters(aggregate), rows, actual);
                case DriverExec.SortExec sort -> new Entry("SortExec", List.of(Map.entry("keys",
                        renderKeys(sort.keys())), Map.entry("on", "driver")), rows, actual);
                case DriverExec.MergeSortedExec merge -> new Entry("MergeSortedExec", List.of(Map.entry("keys",
                        renderKeys(merge.keys())), Map.entry("on", "driver, k-way over the shards' sorted files")),
                        rows, actual);
                case DriverExec.LimitExec limit -> new Entry("LimitExec", List.of(Map.entry("count",
                        Long.toString(limit.count())), Map.entry("on", "driver")), Math.min(rows, limit.count()),
                        actual);
                case DriverExec.FilterExec filter -> new Entry("FilterExec", List.of(Map.entry("predicate",
                        filter.predicate().render()), Map.entry("on", "driver")), rows / 2, actual);
                case DriverExec.ProjectExec project -> new Entry("ProjectExec", List.of(Map.entry("columns",
                        String.join(", ", project.columns().stream().map(PlanExplainer::render).toList())),
                        Map.entry("on", "driver")), rows, actual);
            });
            if (operator instanceof DriverExec.FilterExec) {
                rows = rows / 2;
            }
        }
        List<OperatorExplanation> explained = new ArrayList<>();
        for (int i = entries.size() - 1, depth = 0; i >= 0; i--, depth++) {
            Entry entry = entries.get(i);
            explained.add(new OperatorExplanation(depth, entry.name, entry.parameters, depth, entry.estimated,
                    entry.actual));
        }
        StageSizing.Choice sizing = stage.sizing();
        List<Long> peaks = report.map(r -> r.workers().stream().map(RunReport.WorkerReport::peakPrivateBytes)
                .toList()).orElse(List.of());
        List<String> notes = new ArrayList<>();
        if (sink instanceof SinkExec.PartialAggregateExec partial) {
            notes.add("partials are computed per " + partial.blockRows()
                    + "-row block and folded in block order: the result does not depend on the shard layout");
        }
        kernelAmplification(stage).ifPresent(notes::add);
        notes.addAll(QueryReports.events(report));
        notes.addAll(runNotes);
        StageExplanation explainedStage = new StageExplanation(0, explained, stage.rows(),
                results == null ? -1 : actual(results, 0), source instanceof SourceExec.ProbeRowsExec probeRows
                        ? probeRows.bytesPerRow() : source.schema().estimatedBytesPerRow(),
                sizing.rowsPerShard(), sizing.shards(), workers, sizing.binding(), sizing.arithmetic(),
                sizing.estimatedPeakPrivateBytesPerWorker(), peaks, seconds, notes);
        return new PlanExplanation(List.of(explainedStage), budget, plan.context().memoryBudgetSource(), shared,
                results != null, seconds, List.of());
    }

    private static String footprint(PipelineExec.MapKernelExec kernel) {
        return kernel.footprintBytesPerRow() == 0 ? "0 B/row (declares none: streams its batches)"
                : HumanUnits.bytes(Math.round(kernel.footprintBytesPerRow())) + "/row declared by the kernel";
    }

    /**
     * How the map kernels' declared footprints enter the tuner: each adds footprint ÷ input
     * bytes per row to the stage's amplification (memory per byte of a shard's input).
     */
    private static Optional<String> kernelAmplification(Stage stage) {
        List<String> parts = new ArrayList<>();
        for (PipelineExec operator : stage.fragment().operators()) {
            if (operator instanceof PipelineExec.MapKernelExec kernel && kernel.footprintBytesPerRow() > 0) {
                parts.add(HumanUnits.factor(kernel.cost().amplification()) + " from " + simpleName(kernel.kernelClass())
                        + " (" + HumanUnits.bytes(Math.round(kernel.footprintBytesPerRow())) + "/row ÷ "
                        + HumanUnits.bytes(Math.max(1, kernel.input().estimatedBytesPerRow())) + "/row input)");
            }
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("amplification " + HumanUnits.factor(stage.fragment().cost().amplification())
                + " per shard byte, with " + String.join(", ", parts) + "; the memory ceiling divides by it"
                + " when there is a budget");
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private record Entry(String name, List<Map.Entry<String, String>> parameters, long estimated, long actual) {
    }

    private static long actual(List<StageResult> results, int index) {
        return results == null ? -1 : results.stream().mapToLong(r -> r.operatorRows()[index]).sum();
    }

    private static List<Map.Entry<String, String>> sourceParameters(SourceExec source) {
        return switch (source) {
            case SourceExec.GenerateExec generate -> List.of(Map.entry("rows", Long.toString(generate.rows())),
                    Map.entry("columns", String.join(", ", generate.columns().stream().map(PlanExplainer::render)
                            .toList())));
            case SourceExec.ArrowScanExec scan -> List.of(Map.entry("source", scan.source().describe()),
                    Map.entry("columns", String.join(", ", scan.schema().names())));
            case SourceExec.ProbeRowsExec probeRows -> List.of(Map.entry("rows", Long.toString(probeRows.rows())),
                    Map.entry("of", "the partitioned join's probe stage: its batches and blocks, no columns"));
        };
    }

    private static List<Map.Entry<String, String>> aggregateParameters(List<String> keys, List<AggregateCall> calls,
            String where) {
        return List.of(Map.entry("keys", String.join(", ", keys)), Map.entry("aggregates", String.join(", ",
                calls.stream().map(AggregateCall::render).toList())), Map.entry("on", where));
    }

    /** Where the merge ran, and why: the arithmetic of AggregateMerge. */
    private static List<Map.Entry<String, String>> finalParameters(DriverExec.FinalAggregateExec aggregate) {
        String where = aggregate.merge().partitioned() ? "workers, " + aggregate.merge().partitions()
                + " partitions in a merge stage, blocks in order; the driver orders the groups by first appearance"
                : "driver, blocks in order";
        List<Map.Entry<String, String>> parameters = new ArrayList<>(aggregateParameters(aggregate.keys(),
                aggregate.aggregates(), where));
        parameters.add(Map.entry("merge", aggregate.merge().reason()));
        return parameters;
    }

    private static String renderKeys(List<dev.shard.planner.logical.SortKey> keys) {
        return String.join(", ", keys.stream().map(dev.shard.planner.logical.SortKey::render).toList());
    }

    private static String render(NamedExpr column) {
        return column.name() + " = " + column.expr().render();
    }
}

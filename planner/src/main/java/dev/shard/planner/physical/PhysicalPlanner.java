package dev.shard.planner.physical;

import dev.shard.planner.PlanException;
import dev.shard.planner.logical.LogicalAggregate;
import dev.shard.planner.logical.LogicalFilter;
import dev.shard.planner.logical.LogicalGenerate;
import dev.shard.planner.logical.LogicalJoin;
import dev.shard.planner.logical.LogicalLimit;
import dev.shard.planner.logical.LogicalMapKernel;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalProject;
import dev.shard.planner.logical.LogicalScan;
import dev.shard.planner.logical.LogicalShardRows;
import dev.shard.planner.logical.LogicalSort;
import dev.shard.planner.logical.LogicalWrite;
import dev.shard.planner.logical.WriteTarget;
import dev.shard.planner.rule.Optimizer;
import dev.shard.planner.physical.DriverExec.FinalAggregateExec;
import dev.shard.planner.physical.DriverExec.LimitExec;
import dev.shard.planner.physical.DriverExec.MergeSortedExec;
import dev.shard.planner.physical.DriverExec.SortExec;
import dev.shard.planner.logical.TableSource;
import dev.shard.planner.physical.PhysicalPlan.BuildInput;
import dev.shard.planner.physical.PhysicalPlan.PartitionedJoin;
import dev.shard.planner.physical.PhysicalPlan.SharedBuildInput;
import dev.shard.planner.physical.PipelineExec.FilterExec;
import dev.shard.planner.physical.PipelineExec.MapKernelExec;
import dev.shard.planner.physical.PipelineExec.ProjectExec;
import dev.shard.planner.physical.SinkExec.CollectRowsExec;
import dev.shard.planner.physical.SinkExec.PartialAggregateExec;
import dev.shard.planner.physical.SinkExec.SortedRowsExec;
import dev.shard.planner.physical.SourceExec.ArrowScanExec;
import dev.shard.planner.physical.SourceExec.GenerateExec;
import dev.shard.planner.physical.SourceExec.ProbeRowsExec;
import dev.shard.planner.type.Schema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Cuts a logical plan into a worker stage and the driver's finishing operators:
 * {@code [write] [limit|sort]* [aggregate] (filter|project|shard rows)* source}.
 * The aggregation is split at its exchange: partials per block in the workers, the
 * merge on the driver or, partials too many for it, in a merge stage of the workers
 * (see AggregateMerge). Without an aggregation the rows leave the workers as Arrow files
 * in the stage directory; a sort (and a limit) nearest them runs per shard in the
 * workers and the driver merges. A join's right side is planned on its own and run
 * first (see JoinPlanning); its result is broadcast to the stage's probe operator, or,
 * too large for that, both sides are planned on their own into partition files and
 * joined per partition before the stage, which then starts from the join's rows.
 */
public final class PhysicalPlanner {
    /** The run input name of a stage's scanned table. */
    public static final String SCAN_INPUT = "stage.scan";
    /** The run input name prefix of the shared build tables of broadcast joins. */
    public static final String BUILD_INPUT = "stage.build.";
    /** The run input name prefix of the joined partition files of partitioned joins. */
    public static final String PARTITIONED_INPUT = "stage.joined.";

    private PhysicalPlanner() {
    }

    /**
     * The plan of {@code root} after the standard rules ({@link Optimizer#standard()}: constants
     * folded, filters pushed down, columns pruned so a scan reads only what is used), each
     * checked; the steps are {@link Optimizer#optimize}'s for explain's verbose level.
     */
    public static PhysicalPlan plan(LogicalPlan root, PlanningContext context) {
        return plan(Optimizer.standard().optimize(root).plan(), context, null);
    }

    /** True when below {@code node} and its sorts, takes, filters and derives comes an aggregation. */
    private static boolean aggregateBelowDriverVerbs(LogicalPlan node) {
        LogicalPlan below = node;
        while (below instanceof LogicalSort || below instanceof LogicalLimit || below instanceof LogicalFilter
                || below instanceof LogicalProject) {
            below = below.inputs().getFirst();
        }
        return below instanceof LogicalAggregate;
    }

    /**
     * {@code partitionSink}, when given, takes the place of the sink that would collect the
     * rows (a side of a partitioned join); a plan that ends on the driver keeps its own.
     */
    static PhysicalPlan plan(LogicalPlan root, PlanningContext context, SinkExec partitionSink) {
        Optional<WriteTarget> write = Optional.empty();
        LogicalPlan node = root;
        if (node instanceof LogicalWrite logicalWrite) {
            write = Optional.of(logicalWrite.target());
            node = logicalWrite.input();
        }
        List<DriverExec> driver = new ArrayList<>();
        // Over an aggregation's result, filters and derives run on the driver too (the result is there).
        boolean aggregateBelow = aggregateBelowDriverVerbs(node);
        while (node instanceof LogicalSort || node instanceof LogicalLimit
                || aggregateBelow && (node instanceof LogicalFilter || node instanceof LogicalProject)) {
            if (node instanceof LogicalSort sort) {
                driver.add(new SortExec(sort.keys()));
            } else if (node instanceof LogicalLimit limit) {
                driver.add(new LimitExec(limit.count()));
            } else if (node instanceof LogicalFilter filter) {
                driver.add(new DriverExec.FilterExec(filter.predicate(), filter.input().schema()));
            } else {
                LogicalProject project = (LogicalProject) node;
                driver.add(new DriverExec.ProjectExec(project.columns(), project.input().schema(), project.schema()));
            }
            node = node.inputs().getFirst();
        }
        SinkExec sink = null;
        LogicalAggregate aggregated = null;
        if (node instanceof LogicalAggregate aggregate) {
            // Its sink and merge are planned once the source, whose rows set the block, is known.
            aggregated = aggregate;
            node = aggregate.input();
        } else {
            sink = rowsSink(node.schema(), driver);
            if (partitionSink != null && sink instanceof CollectRowsExec) {
                sink = partitionSink;
            }
        }
        Collections.reverse(driver);
        List<PipelineExec> pipeline = new ArrayList<>();
        List<BuildInput> builds = new ArrayList<>();
        List<PartitionedJoin> partitioned = new ArrayList<>();
        List<SharedBuildInput> sharedBuilds = new ArrayList<>();
        long buildBytes = 0;
        long hashTableBytes = 0;
        long pinnedRows = 0;
        SourceExec source = null;
        while (source == null) {
            switch (node) {
                case LogicalFilter filter -> pipeline.add(new FilterExec(filter.predicate(), filter.input().schema()));
                case LogicalProject project -> pipeline.add(new ProjectExec(project.columns(),
                        project.input().schema(), project.schema()));
                case LogicalShardRows shardRows -> pinnedRows = shardRows.rowsPerShard();
                case LogicalAggregate aggregate -> throw unsupported("an aggregate below another verb than filter,"
                        + " derive, select, sort, take or write (a join or a second aggregate over it)",
                        "aggregate once per query, or keep the first result (a let) and query it");
                case LogicalSort sort -> throw unsupported("sort before filter, derive or aggregate",
                        "sort at the end of the query");
                case LogicalLimit limit -> throw unsupported("take before filter, derive or aggregate",
                        "take at the end of the query");
                case LogicalJoin join -> {
                    String input = BUILD_INPUT + (builds.size() + sharedBuilds.size());
                    TableSource sharedTable = join.right() instanceof LogicalScan rightScan
                            && alreadyShared(rightScan.source()) ? rightScan.source() : null;
                    JoinPlanning.Choice choice = JoinPlanning.choose(join,
                            sharedTable == null ? "" : sharedTable.describe(), context);
                    if (choice.partitioned()) {
                        PartitionedJoin partition = JoinPlanning.partitioned(join, choice,
                                PARTITIONED_INPUT + partitioned.size() + ".", context);
                        partitioned.add(partition);
                        pipeline.add(JoinPlanning.reader(join, partition, choice));
                        // The joined files are shared while the stage above reads them.
                        buildBytes += RowEstimates.of(join) * join.schema().estimatedBytesPerRow();
                        source = new ProbeRowsExec(partition.probe().stage().rows(),
                                join.schema().estimatedBytesPerRow());
                    } else if (sharedTable != null) {
                        // Already in shared memory (and counted there): read in place, no build stage.
                        sharedBuilds.add(new SharedBuildInput(input, sharedTable));
                        pipeline.add(JoinPlanning.probe(join, input, choice));
                        hashTableBytes += choice.tableBytes();
                    } else {
                        builds.add(new BuildInput(input, plan(join.right(), context)));
                        pipeline.add(JoinPlanning.probe(join, input, choice));
                        buildBytes += JoinPlanning.sharedBytes(join);
                        hashTableBytes += choice.tableBytes();
                    }
                }
                case LogicalMapKernel kernel -> pipeline.add(new MapKernelExec(kernel.kernelClass(),
                        kernel.parameters(), kernel.input().schema(), kernel.schema(), kernel.footprintBytesPerRow()));
                case LogicalWrite inner -> throw unsupported("write in the middle of a query", "write at the end");
                case LogicalGenerate generate -> source = new GenerateExec(generate.rows(), generate.columns(),
                        generate.schema());
                case LogicalScan scan -> source = new ArrowScanExec(SCAN_INPUT, scan.source(), scan.schema(),
                        scan.rows());
            }
            node = node.inputs().isEmpty() ? node : node.inputs().getFirst();
        }
        Collections.reverse(pipeline);
        requireNoGeneratorAboveExpansion(pipeline);
        long blockRows = StageSizing.BLOCK_ROWS;
        if (aggregated != null) {
            blockRows = StageSizing.aggregateBlockRows(source.rows());
            long inputRows = RowEstimates.of(aggregated.input());
            Schema input = aggregated.input().schema();
            AggregateMerge merge = AggregateMerge.choose(aggregated, inputRows, blockRows, context);
            sink = new PartialAggregateExec(aggregated.keys(), aggregated.aggregates(), input, merge.partitions(),
                    aggregated.keys().isEmpty() || !GroupEstimate.bounded(aggregated) ? 0
                            : PartialAggregateExec.groupFraction(merge.estimatedGroups(), inputRows, blockRows),
                    blockRows);
            driver.addFirst(new FinalAggregateExec(aggregated.keys(), aggregated.aggregates(), input,
                    aggregated.schema(), merge));
        }
        StageFragment fragment = new StageFragment(source, pipeline, sink);
        // Broadcast build tables are shared while the stage runs: the stage is sized with them.
        PlanningContext stageContext = buildBytes == 0 ? context : new PlanningContext(context.machine(),
                context.memoryBudgetBytes(), context.sharedBytes() + buildBytes, context.memoryBudgetSource());
        long bytesPerRow = source instanceof ProbeRowsExec probeRows ? probeRows.bytesPerRow()
                : source.schema().estimatedBytesPerRow();
        // Every worker builds each broadcast join's hash table once and holds it through the stage.
        StageSizing.Choice sizing = StageSizing.choose(source.rows(), bytesPerRow, fragment.cost(), stageContext,
                pinnedRows, hashTableBytes, blockRows);
        return new PhysicalPlan(builds, sharedBuilds, partitioned, new Stage(0, fragment, sizing), driver,
                root.schema(), write, stageContext);
    }

    /** A shared table, or a query result that will be one when this plan runs (a script's let). */
    private static boolean alreadyShared(TableSource source) {
        return source instanceof TableSource.SharedTable || source instanceof TableSource.NamedResult;
    }

    /**
     * The sink of a stage whose rows leave the workers. The sort nearest the rows moves
     * into the workers (each shard sorted, with the limit right above it as a per-shard
     * top-k) and the driver merges the sorted shards; a limit nearest the rows keeps each
     * shard's first rows. {@code driver} lists the driver's operators root first and is
     * rewritten in place.
     */
    private static SinkExec rowsSink(Schema schema, List<DriverExec> driver) {
        if (driver.isEmpty()) {
            return new CollectRowsExec(schema);
        }
        int last = driver.size() - 1;
        if (driver.get(last) instanceof SortExec sort) {
            long limit = last > 0 && driver.get(last - 1) instanceof LimitExec above ? above.count() : -1;
            driver.set(last, new MergeSortedExec(sort.keys()));
            return new SortedRowsExec(schema, sort.keys(), limit);
        }
        LimitExec limit = (LimitExec) driver.get(last);
        return new SortedRowsExec(schema, List.of(), limit.count());
    }

    /**
     * {@code plan} with its aggregation merged as {@code merge} says instead of as planned:
     * for tests and callers that pin the merge (both merges give the same bytes).
     */
    public static PhysicalPlan withAggregateMerge(PhysicalPlan plan, AggregateMerge merge) {
        Stage stage = plan.stage();
        if (!(stage.fragment().sink() instanceof PartialAggregateExec partial)
                || !(plan.driverOperators().getFirst() instanceof FinalAggregateExec aggregate)) {
            throw new IllegalArgumentException("the plan has no aggregation whose merge could be chosen");
        }
        StageFragment fragment = new StageFragment(stage.fragment().source(), stage.fragment().operators(),
                new PartialAggregateExec(partial.keys(), partial.aggregates(), partial.input(), merge.partitions(),
                        partial.groupFraction(), partial.blockRows()));
        List<DriverExec> driver = new ArrayList<>(plan.driverOperators());
        driver.set(0, new FinalAggregateExec(aggregate.keys(), aggregate.aggregates(), aggregate.input(),
                aggregate.output(), merge));
        return new PhysicalPlan(plan.builds(), plan.sharedBuilds(), plan.partitionedJoins(),
                new Stage(stage.id(), fragment, stage.sizing()), driver, plan.output(), plan.write(), plan.context());
    }

    /**
     * row(), random(...) and the other generator functions read a row's index in the
     * stage's source; after a join or a map kernel a row has no such index in its batch.
     */
    private static void requireNoGeneratorAboveExpansion(List<PipelineExec> pipeline) {
        String expansion = null;
        for (PipelineExec operator : pipeline) {
            List<dev.shard.planner.expr.Expr> exprs = switch (operator) {
                case FilterExec filter -> List.of(filter.predicate());
                case ProjectExec project -> project.columns().stream().map(c -> c.expr()).toList();
                case PipelineExec.HashJoinExec join -> List.of();
                case PipelineExec.PartitionedJoinExec join -> List.of();
                case MapKernelExec kernel -> List.of();
            };
            if (expansion != null && exprs.stream().anyMatch(PhysicalPlanner::usesGenerator)) {
                throw unsupported("row(), random() or another generator function after " + expansion,
                        "compute generated columns before the " + expansion + ", in its input");
            }
            if (operator instanceof PipelineExec.HashJoinExec || operator instanceof PipelineExec.PartitionedJoinExec) {
                expansion = "a join";
            } else if (operator instanceof MapKernelExec) {
                expansion = "a map kernel";
            }
        }
    }

    private static boolean usesGenerator(dev.shard.planner.expr.Expr expr) {
        return switch (expr) {
            case dev.shard.planner.expr.Column column -> false;
            case dev.shard.planner.expr.Literal literal -> false;
            case dev.shard.planner.expr.Call call -> call.function().isGenerator()
                    || call.arguments().stream().anyMatch(PhysicalPlanner::usesGenerator);
        };
    }

    private static PlanException unsupported(String what, String hint) {
        return new PlanException("the engine cannot run " + what + " yet", hint);
    }
}

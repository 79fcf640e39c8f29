package dev.shard.planner.run;

import dev.shard.planner.exec.StageHeapNeed;
import dev.shard.planner.exec.StageKernel;
import dev.shard.planner.exec.StageResult;
import dev.shard.planner.explain.PlanExplanation;
import dev.shard.planner.logical.TableSource;
import dev.shard.planner.physical.PhysicalPlan;
import dev.shard.planner.physical.PhysicalPlanner;
import dev.shard.planner.physical.SourceExec.ArrowScanExec;
import dev.shard.planner.physical.Stage;
import dev.shard.runtime.api.Pool;
import dev.shard.runtime.api.Run;
import dev.shard.runtime.api.RunOptions;
import dev.shard.runtime.report.RunReport;
import dev.shard.runtime.task.Shards;
import dev.shard.storage.SharedReference;
import dev.shard.storage.share.SharedHandle;
import dev.shard.storage.arrow.SharedArrowTable;
import dev.shard.storage.arrow.SharedTableInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs a plan's worker stage and, first, what it reads: the broadcast build sides (run
 * as whole queries, shared as Arrow tables) and the partitioned joins (their files in
 * {@code directory}, shared by path). The driver's operators are the caller's.
 */
final class StageRuns {
    private StageRuns() {
    }

    /**
     * The stage's results (in shard order) and report, the explanations of the stages
     * that ran before it, in run order, the run reports of all the stages, its own last, and
     * what the stage's explanation notes of its run (heap given back before it).
     */
    record StageRun(List<StageResult> results, Optional<RunReport> report, List<PlanExplanation> before,
            List<StageRunReport> reports, List<String> notes) {
    }

    /**
     * @param directory where the stage's and its partitioned joins' files go (deleted by the caller's run)
     * @param name      what the stage is in the query, for its run report ("final stage", a join's probe side)
     * @param shared    build tables shared for this run, closed by the caller when the run ends
     */
    static StageRun run(Pool pool, PhysicalPlan plan, Path directory, String name,
            Function<TableSource, SharedReference<SharedArrowTable>> tables, List<SharedTableInput> shared) {
        RunOptions options = RunOptions.none();
        List<PlanExplanation> before = new ArrayList<>();
        List<StageRunReport> reports = new ArrayList<>();
        for (int b = 0; b < plan.builds().size(); b++) {
            PhysicalPlan.BuildInput build = plan.builds().get(b);
            QueryResult built = QueryRunner.run(pool, build.plan(), tables);
            before.add(built.explanation());
            String buildName = "broadcast build " + b + " of " + name;
            built.stageReports().forEach(report -> reports.add(report.within(buildName)));
            SharedTableInput input = BuildSharing.share(built.table());
            shared.add(input);
            options = options.withInput(build.inputName(), input.handle());
        }
        for (PhysicalPlan.SharedBuildInput build : plan.sharedBuilds()) {
            options = options.withInput(build.inputName(), tables.apply(build.source()));
        }
        for (int j = 0; j < plan.partitionedJoins().size(); j++) {
            PhysicalPlan.PartitionedJoin join = plan.partitionedJoins().get(j);
            PartitionedJoinRunner.Joined joined = PartitionedJoinRunner.run(pool, join,
                    StageDirectory.subdirectory(directory, "join-" + j), "partitioned join " + j + " of " + name,
                    tables, shared);
            before.addAll(joined.explanations());
            reports.addAll(joined.reports());
            for (int p = 0; p < joined.files().size(); p++) {
                options = options.withInput(join.inputName() + p, new ArrowFileReference(joined.files().get(p)));
            }
        }
        Stage stage = plan.stage();
        if (stage.rows() == 0) {
            return new StageRun(List.of(), Optional.empty(), before, reports, List.of());
        }
        if (stage.fragment().source() instanceof ArrowScanExec scan) {
            // A shared matrix is opened by its own handle; every other source is a table the caller binds.
            options = options.withInput(PhysicalPlanner.SCAN_INPUT, scan.source() instanceof TableSource.SharedMatrix
                    matrix ? SharedHandle.decode(matrix.encodedHandle()) : tables.apply(scan.source()));
        }
        StageHeapNeed heap = StageHeapFit.need(plan);
        List<String> notes = StageHeapFit.beforeStage(pool, plan, heap).stream().toList();
        long start = System.nanoTime();
        Run<StageResult> run = pool.shardMap(Shards.contiguous(stage.rows(), stage.sizing().rowsPerShard()),
                StageKernel.of(stage.fragment(), directory.toString(), heap), options);
        reports.add(new StageRunReport(name, start, run.report()));
        return new StageRun(run.results(), Optional.of(run.report()), before, reports, notes);
    }

}

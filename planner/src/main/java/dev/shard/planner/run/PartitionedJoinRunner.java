package dev.shard.planner.run;

import dev.shard.planner.exec.PartitionJoinKernel;
import dev.shard.planner.exec.PartitionSizes;
import dev.shard.planner.exec.StageFile;
import dev.shard.planner.exec.Partitioning;
import dev.shard.planner.exec.StageResult;
import dev.shard.planner.explain.PlanExplanation;
import dev.shard.planner.logical.TableSource;
import dev.shard.planner.physical.JoinSkew;
import dev.shard.planner.physical.PhysicalPlan;
import dev.shard.planner.physical.PhysicalPlan.PartitionedJoin;
import dev.shard.runtime.api.Pool;
import dev.shard.runtime.api.Run;
import dev.shard.runtime.api.RunOptions;
import dev.shard.runtime.task.Shards;
import dev.shard.storage.SharedReference;
import dev.shard.storage.arrow.SharedArrowTable;
import dev.shard.storage.arrow.SharedTableInput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs a partitioned join: the probe side's stage writes its partition files, then the
 * build side's (or, when the build plan ends on the driver, the driver splits its result
 * into one partition file), then the join stage, one shard per partition. Every file is
 * a stage file in {@code directory}, committed by rename, so a worker lost mid-step is
 * re-run into the same bytes. Between the build side's step and the join step, the build
 * parts' measured sizes are checked for skewed keys (JoinSkew).
 */
final class PartitionedJoinRunner {
    private PartitionedJoinRunner() {
    }

    /**
     * The joined file of each partition, in partition order, the explanations of the steps
     * and their run reports, in run order.
     */
    record Joined(List<String> files, List<PlanExplanation> explanations, List<StageRunReport> reports) {
    }

    /** @param name what the join is in the query, naming its steps in the run reports */
    static Joined run(Pool pool, PartitionedJoin join, Path directory, String name,
            Function<TableSource, SharedReference<SharedArrowTable>> tables, List<SharedTableInput> shared) {
        List<PlanExplanation> explanations = new ArrayList<>();
        List<StageRunReport> reports = new ArrayList<>();
        List<String> probeFiles = side(pool, join.probe(), StageDirectory.subdirectory(directory, "probe"),
                name + ": probe side's partition step", tables, shared, explanations, reports);
        Path buildDirectory = StageDirectory.subdirectory(directory, "build");
        List<String> buildFiles;
        if (join.build().driverOperators().isEmpty()) {
            buildFiles = side(pool, join.build(), buildDirectory, name + ": build side's partition step", tables,
                    shared, explanations, reports);
        } else {
            QueryResult built = QueryRunner.run(pool, join.build(), tables);
            explanations.add(built.explanation());
            built.stageReports().forEach(report -> reports.add(report.within(name + ": build side")));
            StageFile file = Partitioning.write(built.table(), join.buildPartitioning(), buildDirectory, 0);
            buildFiles = file == null ? List.of() : List.of(file.path());
        }
        Optional<String> skew = JoinSkew.check(join, PartitionSizes.rows(buildFiles, join.partitions()));
        long start = System.nanoTime();
        Path joinedDirectory = StageDirectory.subdirectory(directory, "joined");
        Run<StageResult> run = pool.shardMap(Shards.contiguous(join.partitions(), 1),
                new PartitionJoinKernel(join.join(), probeFiles, buildFiles, joinedDirectory.toString()),
                RunOptions.none());
        double seconds = (System.nanoTime() - start) / 1e9;
        explanations.add(PlanExplainer.joinStage(join, run.results(), Optional.of(run.report()), seconds,
                skew));
        reports.add(new StageRunReport(name + ": join step", start, run.report()));
        List<String> joined = run.results().stream().map(result -> result.file().path()).toList();
        return new Joined(joined, explanations, reports);
    }

    /** Runs one side's stage; its shards' partition files in shard order. */
    private static List<String> side(Pool pool, PhysicalPlan plan, Path directory, String name,
            Function<TableSource, SharedReference<SharedArrowTable>> tables, List<SharedTableInput> shared,
            List<PlanExplanation> explanations, List<StageRunReport> reports) {
        long start = System.nanoTime();
        StageRuns.StageRun run = StageRuns.run(pool, plan, directory, name, tables, shared);
        reports.addAll(run.reports());
        double seconds = (System.nanoTime() - start) / 1e9;
        explanations.add(PlanExplainer.withBuilds(run.before(), PlanExplainer.analyzed(plan, run.results(),
                List.of(), run.report(), seconds, run.notes())));
        return run.results().stream().map(StageResult::file).filter(Objects::nonNull).map(StageFile::path)
                .toList();
    }
}

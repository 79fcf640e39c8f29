package dev.shard.planner.run;

import dev.shard.planner.exec.PartialMergeKernel;
import dev.shard.planner.exec.StageFile;
import dev.shard.planner.exec.StageFiles;
import dev.shard.planner.exec.StageResult;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.logical.SortKey;
import dev.shard.planner.physical.DriverExec.FinalAggregateExec;
import dev.shard.planner.type.Schema;
import dev.shard.runtime.api.Pool;
import dev.shard.runtime.api.Run;
import dev.shard.runtime.api.RunOptions;
import dev.shard.runtime.task.Shards;
import dev.shard.runtime.tune.HumanUnits;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs the merge stage of a partitioned hash aggregation: the partial stage's shards
 * wrote their partials split by key hash into partial files; one worker shard per
 * partition folds its groups' partials in block order and commits them with where each
 * group was first seen; the driver maps the partitions' files and merges them by that,
 * which puts the groups in the order the driver merge gives. The driver holds the final
 * groups only, never the partials.
 */
final class PartitionedAggregateMerge {
    private PartitionedAggregateMerge() {
    }

    /** The merged groups, a line for explain about the merge stage, and its run's report (none when skipped). */
    record Merged(ColumnTable table, String note, Optional<StageRunReport> report) {
    }

    static Merged run(Pool pool, FinalAggregateExec exec, List<StageResult> partialStage, Path directory) {
        List<String> partialFiles = partialStage.stream().map(StageResult::file).filter(Objects::nonNull)
                .map(StageFile::path).toList();
        int partitions = exec.merge().partitions();
        if (partialFiles.isEmpty()) {
            return new Merged(ArrowTables.empty(exec.output()), "merge stage skipped: the partial stage saw no rows",
                    Optional.empty());
        }
        long partialBytes = partialStage.stream().map(StageResult::file).filter(Objects::nonNull)
                .mapToLong(StageFile::bytes).sum();
        long start = System.nanoTime();
        Path merged = StageDirectory.subdirectory(directory, "merged");
        Run<StageResult> run = pool.shardMap(Shards.contiguous(partitions, 1),
                new PartialMergeKernel(exec.keys(), exec.aggregates(), exec.input(), exec.output(), partialFiles,
                        merged.toString()), RunOptions.none());
        Schema fileSchema = PartialMergeKernel.fileSchema(exec.output());
        List<ColumnTable> parts = run.results().stream().map(StageResult::file).filter(Objects::nonNull)
                .map(file -> StageFiles.read(file, fileSchema)).toList();
        ColumnTable ordered = parts.isEmpty() ? ArrowTables.empty(fileSchema)
                : DriverOperators.merge(fileSchema, parts, List.of(SortKey.ascending(PartialMergeKernel.FIRST_SEEN)));
        ColumnTable table = new ColumnTable(exec.output(), ordered.rows(),
                ordered.columns().subList(0, exec.output().size()));
        long foldedRows = run.results().stream().mapToLong(result -> result.operatorRows()[0]).sum();
        double seconds = (System.nanoTime() - start) / 1e9;
        String note = "merge stage: " + partitions + " partitions on the workers folded " + HumanUnits.count(foldedRows)
                + " partial rows from " + HumanUnits.bytes(partialBytes) + " of partial files into "
                + HumanUnits.count(table.rows()) + " groups in " + String.format(java.util.Locale.ROOT, "%.3f", seconds)
                + " s; the driver merged the partitions by first appearance";
        return new Merged(table, note, Optional.of(new StageRunReport("aggregation merge stage", start, run.report())));
    }
}

package dev.shard.planner.exec;

import dev.shard.planner.exec.aggregate.PackedPartials;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.physical.PipelineExec.HashJoinExec;
import dev.shard.runtime.task.ShardContext;
import dev.shard.runtime.task.ShardKernel;
import dev.shard.storage.arrow.ArrowFiles;
import dev.shard.storage.arrow.SharedArrowTable;
import java.nio.file.Path;
import java.util.List;

/**
 * The join stage of a partitioned join: shard p is partition p. It maps partition p of
 * every build file, builds the hash table of those rows (build-row order kept: the files
 * are in shard order and a key's rows are all in one partition), then streams partition
 * p of every probe file, in order, through the probe. Its rows, with their probe origin,
 * go to the file as they are joined (one slice held, see StageFileWriter) and are
 * committed as stage file p in {@code outputDirectory} — also when empty, so the
 * stage above finds one file per partition. A retried partition rewrites the same bytes.
 */
public record PartitionJoinKernel(HashJoinExec join, List<String> probeFiles, List<String> buildFiles,
        String outputDirectory) implements ShardKernel<StageResult> {
    public PartitionJoinKernel {
        probeFiles = List.copyOf(probeFiles);
        buildFiles = List.copyOf(buildFiles);
    }

    @Override
    public StageResult run(ShardContext context) {
        int partition = Math.toIntExact(context.shard().start());
        RowCollector buildRows = new RowCollector(join.build());
        for (String file : buildFiles) {
            try (SharedArrowTable table = ArrowFiles.open(Path.of(file))) {
                PartitionFiles.forEachBatch(table, new ArrowTableSource(table, join.build()), partition,
                        buildRows::append);
            }
        }
        HashJoinOperator probe = new HashJoinOperator(join, BuildTables.build(buildRows.finish(), join));
        long[] operatorRows = new long[2];
        try (StageFileWriter joined = new StageFileWriter(join.output(), Path.of(outputDirectory), partition)) {
            for (String file : probeFiles) {
                try (SharedArrowTable table = ArrowFiles.open(Path.of(file))) {
                    PartitionFiles.forEachBatch(table, new ArrowTableSource(table, join.input()), partition, batch -> {
                        operatorRows[0] += batch.selectedCount();
                        probe.start(batch);
                        for (ColumnBatch out = probe.next(); out != null; out = probe.next()) {
                            operatorRows[1] += out.selectedCount();
                            joined.append(out);
                        }
                    });
                }
            }
            return new StageResult(PackedPartials.NONE, joined.commit(true), operatorRows);
        }
    }
}

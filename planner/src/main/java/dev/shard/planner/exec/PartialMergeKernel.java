package dev.shard.planner.exec;

import dev.shard.planner.exec.aggregate.FinalAggregator;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import dev.shard.runtime.task.ShardContext;
import dev.shard.runtime.task.ShardKernel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The merge stage of a partitioned hash aggregation: shard p is partition p. It reads
 * section p of every shard's partial file, files in shard order and so partials in block
 * order, folds them as the driver merge would (each group sees the same partials in the
 * same order: the same bits), and commits its groups with where each was first seen
 * ({@link #FIRST_SEEN}) as stage file p, so the driver can merge the partitions back into
 * order of first appearance. A retried partition rewrites the same bytes; a partition
 * without groups commits no file.
 */
public record PartialMergeKernel(List<String> keys, List<AggregateCall> aggregates, Schema input, Schema output,
        List<String> partialFiles, String outputDirectory) implements ShardKernel<StageResult> {
    /** The column of a partition's result that orders its groups by first appearance in the input. */
    public static final String FIRST_SEEN = "__first_seen";

    public PartialMergeKernel {
        keys = List.copyOf(keys);
        aggregates = List.copyOf(aggregates);
        partialFiles = List.copyOf(partialFiles);
    }

    /** The columns of a partition's result file: the aggregate's output, then {@link #FIRST_SEEN}. */
    public static Schema fileSchema(Schema output) {
        return output.with(List.of(new Field(FIRST_SEEN, DataType.INT, false)));
    }

    @Override
    public StageResult run(ShardContext context) {
        int partition = Math.toIntExact(context.shard().start());
        FinalAggregator aggregator = new FinalAggregator(input, keys, aggregates, output);
        long[] partialRows = new long[1];
        for (String file : partialFiles) {
            PartialFileDescriptor.forEachPartial(Path.of(file), partition, partial -> {
                partialRows[0] += partial.groups();
                aggregator.merge(partial);
            });
        }
        BatchColumn firstSeen = aggregator.firstSeen();
        ColumnTable groups = aggregator.finish();
        List<BatchColumn> columns = new ArrayList<>(groups.columns());
        columns.add(firstSeen);
        ColumnTable rows = new ColumnTable(fileSchema(output), groups.rows(), columns);
        StageFile committed = rows.rows() == 0 ? null : StageFiles.write(rows, Path.of(outputDirectory), partition);
        return new StageResult(dev.shard.planner.exec.aggregate.PackedPartials.NONE, committed, new long[] {partialRows[0], rows.rows()});
    }
}

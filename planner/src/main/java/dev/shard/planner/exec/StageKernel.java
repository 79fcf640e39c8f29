package dev.shard.planner.exec;

import dev.shard.planner.exec.aggregate.BlockPartial;
import dev.shard.planner.exec.aggregate.PackedPartials;
import dev.shard.planner.exec.aggregate.PartialsWriter;
import dev.shard.planner.exec.aggregate.PartialAggregator;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.physical.SinkExec.CollectRowsExec;
import dev.shard.planner.physical.SinkExec.PartialAggregateExec;
import dev.shard.planner.physical.SinkExec.PartitionRowsExec;
import dev.shard.planner.physical.SinkExec.SortedRowsExec;
import dev.shard.planner.physical.SourceExec;
import dev.shard.planner.logical.TableSource;
import dev.shard.planner.physical.SourceExec.ArrowScanExec;
import dev.shard.planner.physical.SourceExec.GenerateExec;
import dev.shard.planner.physical.SourceExec.ProbeRowsExec;
import dev.shard.planner.physical.StageFragment;
import dev.shard.planner.physical.StageSizing;
import dev.shard.runtime.task.Shard;
import dev.shard.runtime.task.ShardContext;
import dev.shard.runtime.task.ShardKernel;
import dev.shard.storage.arrow.SharedArrowTable;
import dev.shard.storage.share.SharedMatrix;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A stage as the runtime runs it: the instance carries the stage's fragment and is sent
 * once per worker; each task is a contiguous row range whose start is a block boundary.
 * Batches never straddle a block, so each block's partial depends on its rows alone.
 * Rows that leave the stage are written as Arrow files into {@code outputDirectory}, the
 * driver's stage directory (see StageFiles; rows kept unsorted go out a slice at a time,
 * see StageFileWriter), and so are partials bound for a partitioned
 * merge (see PartialFileDescriptor); only their names cross the socket.
 *
 * @param heap what the stage needs of a worker's heap: before a shard, heap that earlier stages
 *     grew beyond it is given back (StageHeap)
 */
public record StageKernel(StageFragment fragment, String outputDirectory, StageHeapNeed heap)
        implements ShardKernel<StageResult> {
    /** A stage whose sink returns partials only (no directory needed). */
    public StageKernel(StageFragment fragment) {
        this(fragment, null, StageHeapNeed.NONE);
    }

    /** A stage whose heap need is not known: the worker's heap is left as it is. */
    public StageKernel(StageFragment fragment, String outputDirectory) {
        this(fragment, outputDirectory, StageHeapNeed.NONE);
    }

    /**
     * The kernel for {@code fragment}, given {@code outputDirectory} only when its sink writes
     * files: a stage that returns partials alone then encodes to the same bytes query after
     * query, so a worker reuses the descriptor it decoded for the last run (decoding a
     * fragment costs milliseconds on each worker before its first shard).
     */
    public static StageKernel of(StageFragment fragment, String outputDirectory, StageHeapNeed heap) {
        boolean writesFiles = switch (fragment.sink()) {
            case PartialAggregateExec aggregate -> aggregate.partitioned();
            case CollectRowsExec collect -> true;
            case SortedRowsExec sorted -> true;
            case PartitionRowsExec partition -> true;
        };
        return new StageKernel(fragment, writesFiles ? outputDirectory : null, heap);
    }

    @Override
    public StageResult run(ShardContext context) {
        Shard shard = context.shard();
        StageHeap.fitBeforeShard(heap);
        long blockRows = blockRows();
        if (shard.start() % blockRows != 0) {
            throw new IllegalArgumentException("shard " + shard.id() + " starts at row " + shard.start()
                    + ", not a multiple of the " + blockRows + "-row block: plan shards in whole blocks");
        }
        BatchSource source = source(fragment.source(), context);
        List<BatchOperator> operators = fragment.operators().stream()
                .map(exec -> BatchOperator.compile(exec, context)).toList();
        PartialAggregator aggregator = fragment.sink() instanceof PartialAggregateExec aggregate
                ? new PartialAggregator(aggregate.input(), aggregate.keys(), aggregate.aggregates()) : null;
        // Partials bound for the driver are written as the blocks end; a partitioned merge splits them first.
        PartialsWriter packed = fragment.sink() instanceof PartialAggregateExec aggregate && !aggregate.partitioned()
                ? aggregator.newWriter() : null;
        PartitionCollector partitions = fragment.sink() instanceof PartitionRowsExec partition
                ? new PartitionCollector(partition) : null;
        try (StageFileWriter written = writer(shard)) {
            return run(shard, source, operators, aggregator, packed, partitions, written);
        }
    }

    private StageResult run(Shard shard, BatchSource source, List<BatchOperator> operators,
            PartialAggregator aggregator, PartialsWriter packed, PartitionCollector partitions,
            StageFileWriter written) {
        long[] operatorRows = new long[operators.size() + 1];
        List<BlockPartial> partials = new ArrayList<>();
        RowCollector collector = aggregator == null && partitions == null && written == null
                ? new RowCollector(fragment.sink().input()) : null;
        Consumer<ColumnBatch> sink = aggregator != null ? aggregator::consume
                : partitions != null ? partitions::append : written != null ? written::append : collector::append;
        ColumnBatch batch = new ColumnBatch(fragment.source().schema().size());
        long blockRows = blockRows();
        long row = shard.start();
        while (row < shard.end() && (written == null || !written.full())) {
            long block = row / blockRows;
            long end = Math.min(Math.min(shard.end(), row + ColumnBatch.CAPACITY), (block + 1) * blockRows);
            end = Math.min(end, source.boundaryAfter(row));
            source.fill(batch, row, (int) (end - row));
            operatorRows[0] += batch.selectedCount();
            push(operators, 0, batch, operatorRows, sink);
            row = end;
            if (aggregator != null && (row % blockRows == 0 || row == shard.end())) {
                if (packed != null) {
                    aggregator.finishBlock(block, packed);
                } else {
                    BlockPartial partial = aggregator.finishBlock(block);
                    if (partial != null) {
                        partials.add(partial);
                    }
                }
            }
        }
        source.finishShard();
        if (packed != null) {
            return new StageResult(packed.finish(), null, operatorRows);
        }
        if (fragment.sink() instanceof PartialAggregateExec aggregate && aggregate.partitioned()) {
            return new StageResult(PackedPartials.NONE, writePartials(aggregate, partials, shard.id()), operatorRows);
        }
        StageFile file = partitions != null ? partitions.commit(outputPath(), shard.id())
                : written != null ? written.commit(false)
                : collector == null ? null : commit(collector.finish(), shard.id());
        return new StageResult(PackedPartials.NONE, file, operatorRows);
    }

    /** The stage's determinism block: an aggregation's own, else the base block. */
    private long blockRows() {
        return fragment.sink() instanceof PartialAggregateExec aggregate ? aggregate.blockRows()
                : StageSizing.BLOCK_ROWS;
    }

    /**
     * The writer of rows that leave unsorted, a slice at a time: collected rows, and a limit
     * without keys (the shard's first rows: it stops reading once it has them).
     */
    private StageFileWriter writer(Shard shard) {
        return switch (fragment.sink()) {
            case CollectRowsExec collect -> new StageFileWriter(collect.input(), outputPath(), shard.id(), -1);
            case SortedRowsExec sorted when sorted.keys().isEmpty() ->
                    new StageFileWriter(sorted.input(), outputPath(), shard.id(), sorted.limit());
            case SortedRowsExec sorted -> null;
            case PartialAggregateExec aggregate -> null;
            case PartitionRowsExec partition -> null;
        };
    }

    /** Runs {@code batch} through the operators from {@code from} on into the sink; expanding operators fan out. */
    private static void push(List<BatchOperator> operators, int from, ColumnBatch batch, long[] operatorRows,
            Consumer<ColumnBatch> sink) {
        ColumnBatch current = batch;
        for (int o = from; o < operators.size(); o++) {
            if (operators.get(o) instanceof ExpandingOperator expanding) {
                expanding.start(current);
                for (ColumnBatch out = expanding.next(); out != null; out = expanding.next()) {
                    operatorRows[o + 1] += out.selectedCount();
                    push(operators, o + 1, out, operatorRows, sink);
                }
                return;
            }
            current = operators.get(o).apply(current);
            operatorRows[o + 1] += current.selectedCount();
        }
        sink.accept(current);
    }

    private StageFile commit(ColumnTable rows, int shard) {
        ColumnTable kept = switch (fragment.sink()) {
            case SortedRowsExec sorted -> new RowOrder(sorted.keys(), sorted.input()).sort(rows, sorted.limit());
            case CollectRowsExec collect -> throw new IllegalStateException("collected rows are written as they come");
            case PartialAggregateExec partial -> throw new IllegalStateException("partials are not rows");
            case PartitionRowsExec partition -> throw new IllegalStateException("partitions commit themselves");
        };
        if (kept.rows() == 0) {
            return null;
        }
        return StageFiles.write(kept, outputPath(), shard);
    }

    /**
     * The shard's partials split by key hash into the sections of one partial file, for the
     * merge stage (see PartialMergeKernel); null when the shard saw no group.
     */
    private StageFile writePartials(PartialAggregateExec aggregate, List<BlockPartial> partials, int shard) {
        if (partials.isEmpty()) {
            return null;
        }
        PartialPartitioner partitioner = new PartialPartitioner(aggregate);
        List<List<BlockPartial>> sections = new ArrayList<>();
        for (int p = 0; p < aggregate.partitions(); p++) {
            sections.add(new ArrayList<>());
        }
        for (int b = 0; b < partials.size(); b++) {
            BlockPartial[] parts = partitioner.split(partials.get(b));
            partials.set(b, null);
            for (int p = 0; p < parts.length; p++) {
                if (parts[p] != null) {
                    sections.get(p).add(parts[p]);
                }
            }
        }
        return PartialFileDescriptor.write(sections, outputPath(), shard);
    }

    private Path outputPath() {
        if (outputDirectory == null) {
            throw new IllegalStateException("stage " + fragment.sink() + " produces rows but has no output directory:"
                    + " the runner must give StageKernel the stage directory");
        }
        return Path.of(outputDirectory);
    }

    private static BatchSource source(SourceExec source, ShardContext context) {
        return switch (source) {
            case GenerateExec generate -> new GeneratedSource(generate);
            case ArrowScanExec scan when scan.source() instanceof TableSource.SharedMatrix matrix ->
                    new MatrixTableSource(context.input(scan.inputName(), SharedMatrix.class), matrix, scan.schema());
            case ArrowScanExec scan -> ArrowTableSource.inPlace(context.input(scan.inputName(),
                    SharedArrowTable.class), scan.schema());
            case ProbeRowsExec probeRows -> new ProbeRowsSource();
        };
    }
}

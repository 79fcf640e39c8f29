package dev.shard.planner.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.exec.aggregate.FinalAggregator;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.expr.Column;
import dev.shard.planner.logical.JoinKey;
import dev.shard.planner.logical.JoinType;
import dev.shard.planner.physical.PipelineExec.PartitionedJoinExec;
import dev.shard.planner.physical.SinkExec.PartialAggregateExec;
import dev.shard.planner.physical.SinkExec.PartitionRowsExec;
import dev.shard.planner.physical.SourceExec.ProbeRowsExec;
import dev.shard.planner.physical.StageFragment;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import dev.shard.runtime.task.Shard;
import dev.shard.storage.arrow.ArrowFiles;
import dev.shard.storage.arrow.SharedArrowTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-back merge of a partitioned join gives the rows in probe order whatever the
 * number of partitions, also when hundreds of cursors each read a few rows at a time: an
 * order-sensitive aggregate (a double sum, first, last) over the merged rows has the same
 * bits for 1, 3, 300 and 1,024 partitions, and the cursors of a shard buffer a bounded
 * number of rows.
 */
class PartitionedJoinReaderTest {
    private static final Schema FILE = Schema.of(Field.of("v", DataType.DOUBLE),
            new Field(PartitionRowsExec.PROBE_ROW, DataType.INT, false),
            new Field(PartitionRowsExec.PROBE_POSITION, DataType.INT, false));
    private static final Schema OUTPUT = Schema.of(Field.of("v", DataType.DOUBLE));
    private static final List<AggregateCall> CALLS = List.of(
            new AggregateCall("n", AggregateFunction.COUNT, null),
            new AggregateCall("s", AggregateFunction.SUM, new Column("v")),
            new AggregateCall("f", AggregateFunction.FIRST, new Column("v")),
            new AggregateCall("l", AggregateFunction.LAST, new Column("v")));
    private static final int ROWS = 150_001;

    @TempDir
    Path directory;

    @Test
    void anyNumberOfPartitionsReadsBackTheProbeOrder() {
        double[] values = new SplittableRandom(11).doubles(ROWS).toArray();
        List<Object> expected = List.of((long) ROWS, sequentialSum(values), values[0], values[ROWS - 1]);
        for (int partitions : new int[] {1, 3, 300, 1_024}) {
            assertEquals(expected, merged(values, partitions), partitions + " partitions");
        }
    }

    @Test
    void aShardsCursorsBufferABoundedNumberOfRows() {
        assertEquals(ColumnBatch.CAPACITY, PartitionedJoinReader.chunkRows(1));
        assertEquals(ColumnBatch.CAPACITY, PartitionedJoinReader.chunkRows(16));
        for (int partitions : new int[] {17, 300, 1_024}) {
            assertTrue((long) partitions * PartitionedJoinReader.chunkRows(partitions)
                    <= PartitionedJoinReader.BUFFERED_ROWS, partitions + " partitions");
        }
        assertEquals(64, PartitionedJoinReader.chunkRows(100_000), "never fewer than 64 rows a read");
    }

    /** The order the aggregate folds in: 65,536-row blocks in order, each summed from its first row. */
    private static double sequentialSum(double[] values) {
        double total = 0;
        for (int block = 0; block < values.length; block += 65_536) {
            double sum = 0;
            for (int i = block; i < Math.min(values.length, block + 65_536); i++) {
                sum += values[i];
            }
            total += sum;
        }
        return total;
    }

    private List<Object> merged(double[] values, int partitions) {
        List<SharedArrowTable> tables = new ArrayList<>();
        try {
            Path files = directory.resolve("p" + partitions);
            java.nio.file.Files.createDirectories(files);
            for (int p = 0; p < partitions; p++) {
                tables.add(ArrowFiles.open(Path.of(StageFiles.write(part(values, p, partitions), files, p).path())));
            }
            PartitionedJoinExec merge = new PartitionedJoinExec("joined", partitions, JoinType.INNER,
                    List.of(new JoinKey("k", "id")), new Schema(List.of()), OUTPUT, FILE, "test");
            PartialAggregateExec sink = new PartialAggregateExec(List.of(), CALLS, OUTPUT);
            StageKernel kernel = new StageKernel(new StageFragment(new ProbeRowsExec(ROWS, 8), List.of(merge), sink));
            Map<String, Object> inputs = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                inputs.put("joined" + p, tables.get(p));
            }
            StageResult result = kernel.run(new InProcessShardContext(new Shard(0, 0, ROWS, 1, null, 0, 0), inputs));
            FinalAggregator aggregator = new FinalAggregator(OUTPUT, List.of(), CALLS,
                    Schema.of(Field.of("n", DataType.INT), Field.of("s", DataType.DOUBLE),
                            Field.of("f", DataType.DOUBLE), Field.of("l", DataType.DOUBLE)));
            result.partials().forEach(aggregator::merge);
            ColumnTable table = aggregator.finish();
            return table.row(0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            tables.forEach(SharedArrowTable::close);
        }
    }

    /** Partition p's rows in probe order: row i goes to the partition its mixed index picks. */
    private static ColumnTable part(double[] values, int p, int partitions) {
        List<BatchColumn> columns = FILE.fields().stream().map(f -> new BatchColumn(f.type(), ROWS)).toList();
        int at = 0;
        for (int i = 0; i < ROWS; i++) {
            long mixed = i * 0x9E3779B97F4A7C15L;
            if ((int) (((mixed ^ (mixed >>> 29)) >>> 1) % partitions) != p) {
                continue;
            }
            columns.get(0).doubles[at] = values[i];
            columns.get(1).longs[at] = i - i % ColumnBatch.CAPACITY;
            columns.get(2).longs[at] = i;
            at++;
        }
        return new ColumnTable(FILE, at, columns);
    }
}

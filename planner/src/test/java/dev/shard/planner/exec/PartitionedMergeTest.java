package dev.shard.planner.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.exec.aggregate.BlockPartial;
import dev.shard.planner.exec.aggregate.FinalAggregator;
import dev.shard.planner.exec.aggregate.PartialAggregator;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.expr.Column;
import dev.shard.planner.physical.SinkExec.PartialAggregateExec;
import dev.shard.planner.physical.StageSizing;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import dev.shard.runtime.task.Shard;
import dev.shard.runtime.task.ShardContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The partitioned merge (partials split by key hash into partial files, one merge per
 * partition, partitions put back in order of first appearance) against the driver merge
 * of the same partials, bit for bit, for several partition and shard counts, on random
 * tables: nulls, empty input, one row, all-equal keys, skewed keys, many distinct keys;
 * count_distinct against a plain set per group.
 */
class PartitionedMergeTest {
    private static final Schema INPUT = Schema.of(Field.of("k", DataType.INT), Field.of("s", DataType.STRING),
            Field.of("x", DataType.DOUBLE), Field.of("i", DataType.INT));
    private static final List<AggregateCall> CALLS = List.of(
            new AggregateCall("n", AggregateFunction.COUNT, null),
            new AggregateCall("sx", AggregateFunction.SUM, new Column("x")),
            new AggregateCall("mx", AggregateFunction.MEAN, new Column("x")),
            new AggregateCall("lo", AggregateFunction.MIN, new Column("x")),
            new AggregateCall("hi", AggregateFunction.MAX, new Column("s")),
            new AggregateCall("sd", AggregateFunction.SD, new Column("x")),
            new AggregateCall("f", AggregateFunction.FIRST, new Column("s")),
            new AggregateCall("l", AggregateFunction.LAST, new Column("i")),
            new AggregateCall("di", AggregateFunction.COUNT_DISTINCT, new Column("i")));
    private static final int BLOCK = (int) StageSizing.BLOCK_ROWS;

    @TempDir
    Path directory;

    @Test
    void partitionedMergeEqualsTheDriverMergeBitForBit() throws Exception {
        Random random = new Random(11);
        int run = 0;
        for (int rows : new int[] {0, 1, 5_000, 3 * BLOCK + 123}) {
            for (int keys : new int[] {1, 7, 200_000}) {
                Object[][] table = table(random, rows, keys, keys == 7);
                for (List<String> groupBy : List.of(List.of("k"), List.of("s", "k"))) {
                    List<BlockPartial> partials = partials(table, groupBy);
                    ColumnTable driver = driverMerge(partials, groupBy);
                    checkDistinct(table, groupBy, driver);
                    // Partitions × shards: one partition, an odd count, more partitions than blocks.
                    for (int[] layout : new int[][] {{1, 2}, {3, 1}, {8, 2}}) {
                        ColumnTable partitioned = partitionedMerge(partials, groupBy, layout[0], layout[1],
                                directory.resolve("run-" + run++));
                        assertEquals(render(driver), render(partitioned), rows + " rows, " + keys + " keys, "
                                + groupBy + ", " + layout[0] + " partitions, " + layout[1] + " shards");
                    }
                }
            }
        }
    }

    private static Object[][] table(Random random, int rows, int keys, boolean skewed) {
        Object[][] table = new Object[rows][];
        String[] names = {"a", "b", "c", "dd", ""};
        for (int r = 0; r < rows; r++) {
            long key = skewed && random.nextInt(10) > 0 ? 0 : random.nextInt(keys);
            table[r] = new Object[] {random.nextInt(20) == 0 ? null : key,
                    random.nextInt(9) == 0 ? null : names[random.nextInt(names.length)],
                    random.nextInt(6) == 0 ? null : random.nextGaussian(),
                    random.nextInt(6) == 0 ? null : (long) random.nextInt(100)};
        }
        return table;
    }

    private static Schema output(List<String> keys) {
        List<Field> fields = new ArrayList<>();
        keys.forEach(key -> fields.add(INPUT.require(key, "group")));
        CALLS.forEach(call -> fields.add(call.field(INPUT)));
        return new Schema(fields);
    }

    /** The block partials of the table, 65,536-row blocks as a stage computes them. */
    private static List<BlockPartial> partials(Object[][] table, List<String> keys) {
        PartialAggregator partial = new PartialAggregator(INPUT, keys, CALLS);
        ColumnBatch batch = new ColumnBatch(INPUT.size());
        List<BlockPartial> partials = new ArrayList<>();
        for (int start = 0; start < table.length; start += ColumnBatch.CAPACITY) {
            int n = Math.min(ColumnBatch.CAPACITY, table.length - start);
            for (int c = 0; c < INPUT.size(); c++) {
                BatchColumn column = new BatchColumn(INPUT.fields().get(c).type(), ColumnBatch.CAPACITY);
                for (int r = 0; r < n; r++) {
                    column.set(r, table[start + r][c]);
                }
                batch.setColumn(c, column);
            }
            batch.reset(start, n);
            partial.consume(batch);
            int end = start + n;
            if (end % BLOCK == 0 || end == table.length) {
                BlockPartial done = partial.finishBlock(start / BLOCK);
                if (done != null) {
                    partials.add(done);
                }
            }
        }
        return partials;
    }

    private static ColumnTable driverMerge(List<BlockPartial> partials, List<String> keys) {
        FinalAggregator merge = new FinalAggregator(INPUT, keys, CALLS, output(keys));
        partials.forEach(merge::merge);
        return merge.finish();
    }

    /** Shards take consecutive runs of blocks; each writes its partial file; each partition merges. */
    private ColumnTable partitionedMerge(List<BlockPartial> partials, List<String> keys, int partitions, int shards,
            Path runDirectory) throws Exception {
        Files.createDirectories(runDirectory.resolve("merged"));
        PartialAggregateExec exec = new PartialAggregateExec(keys, CALLS, INPUT, partitions);
        PartialPartitioner partitioner = new PartialPartitioner(exec);
        List<String> files = new ArrayList<>();
        int perShard = Math.max(1, (partials.size() + shards - 1) / shards);
        for (int shard = 0; shard * perShard < partials.size(); shard++) {
            List<List<BlockPartial>> sections = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                sections.add(new ArrayList<>());
            }
            for (BlockPartial partial : partials.subList(shard * perShard,
                    Math.min(partials.size(), (shard + 1) * perShard))) {
                BlockPartial[] parts = partitioner.split(partial);
                for (int p = 0; p < partitions; p++) {
                    if (parts[p] != null) {
                        sections.get(p).add(parts[p]);
                    }
                }
            }
            files.add(PartialFileDescriptor.write(sections, runDirectory, shard).path());
        }
        Schema output = output(keys);
        PartialMergeKernel kernel = new PartialMergeKernel(keys, CALLS, INPUT, output, files,
                runDirectory.resolve("merged").toString());
        Schema fileSchema = PartialMergeKernel.fileSchema(output);
        List<ColumnTable> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            StageFile file = kernel.run(context(p)).file();
            if (file != null) {
                parts.add(StageFiles.read(file, fileSchema));
            }
        }
        // The driver's step: partitions merged back by where each group was first seen.
        List<Integer> heads = new ArrayList<>(java.util.Collections.nCopies(parts.size(), 0));
        List<BatchColumn> columns = new ArrayList<>();
        int total = parts.stream().mapToInt(ColumnTable::rows).sum();
        for (Field field : output.fields()) {
            columns.add(new BatchColumn(field.type(), total));
        }
        for (int out = 0; out < total; out++) {
            int best = -1;
            for (int t = 0; t < parts.size(); t++) {
                if (heads.get(t) < parts.get(t).rows() && (best < 0 || firstSeen(parts.get(t), heads.get(t))
                        < firstSeen(parts.get(best), heads.get(best)))) {
                    best = t;
                }
            }
            for (int c = 0; c < columns.size(); c++) {
                columns.get(c).copyRow(parts.get(best).columns().get(c), heads.get(best), out);
            }
            heads.set(best, heads.get(best) + 1);
        }
        try (Stream<Path> left = Files.list(runDirectory.resolve("merged"))) {
            assertTrue(left.noneMatch(path -> path.toString().endsWith(".tmp")), "only committed files");
        }
        return new ColumnTable(output, total, columns);
    }

    private static long firstSeen(ColumnTable table, int row) {
        return table.column(PartialMergeKernel.FIRST_SEEN).longs[row];
    }

    /** count_distinct(i) per group against a plain set of the group's values. */
    private static void checkDistinct(Object[][] table, List<String> keys, ColumnTable driver) {
        Map<List<Object>, Set<Object>> sets = new LinkedHashMap<>();
        for (Object[] row : table) {
            List<Object> key = new ArrayList<>();
            keys.forEach(name -> key.add(row[INPUT.indexOf(name)]));
            Set<Object> set = sets.computeIfAbsent(key, k -> new HashSet<>());
            if (row[3] != null) {
                set.add(row[3]);
            }
        }
        assertEquals(sets.size(), driver.rows());
        int g = 0;
        for (Set<Object> set : sets.values()) {
            assertEquals((long) set.size(), driver.column("di").longs[g++]);
        }
    }

    /** Every value with its exact bits: doubles as raw long bits, nulls apart. */
    private static List<String> render(ColumnTable table) {
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < table.rows(); r++) {
            StringBuilder row = new StringBuilder();
            for (BatchColumn column : table.columns()) {
                Object value = column.get(r);
                row.append(value instanceof Double d ? Long.toHexString(Double.doubleToRawLongBits(d))
                        : Objects.toString(value)).append('|');
            }
            rows.add(row.toString());
        }
        return rows;
    }

    private static ShardContext context(int partition) {
        return new InProcessShardContext(new Shard(partition, partition, partition + 1, 1, null, 0, 0), Map.of());
    }
}

package dev.shard.bench;

import dev.shard.planner.exec.InProcessShardContext;
import dev.shard.planner.exec.StageFiles;
import dev.shard.planner.exec.StageKernel;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.expr.AggregateFunction;
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
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The read-back merge of a partitioned join (the stage above the join: probe row indices
 * → {@code PartitionedJoinReader} over P joined files → a count), run in this process on
 * one thread for P = 4, 256 and 1,024 partitions over the same rows. Each probe row has
 * one match, in a partition drawn from its index, so only P changes between runs: a merge
 * that scans every partition per probe row slows down with P, one with a heap by log P.
 * Prints the load average beside the figures, as the machine is shared.
 *
 * <p>Usage: {@code PartitionMergeBenchmark [rows] [rounds] [P...]}
 */
public final class PartitionMergeBenchmark {
    private static final Schema FILE = Schema.of(Field.of("k", DataType.INT), Field.of("v", DataType.DOUBLE),
            new Field(PartitionRowsExec.PROBE_ROW, DataType.INT, false),
            new Field(PartitionRowsExec.PROBE_POSITION, DataType.INT, false), Field.of("w", DataType.DOUBLE));
    private static final Schema OUTPUT = Schema.of(Field.of("k", DataType.INT), Field.of("v", DataType.DOUBLE),
            Field.of("w", DataType.DOUBLE));
    private static final int BATCH_ROWS = 4_096;

    private PartitionMergeBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 4L << 20;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int[] counts = args.length > 2 ? Arrays.stream(args, 2, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {4, 256, 1_024};
        System.out.println("load average before: " + Files.readString(Path.of("/proc/loadavg")).trim());
        for (int partitions : counts) {
            double[] nanos = measure(rows, rounds, partitions);
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "P=%5d: %d rows, best %.1f ns/row, median %.1f ns/row (%d rounds)%n",
                    partitions, rows, nanos[0] / rows, nanos[nanos.length / 2] / rows, rounds);
        }
        System.out.println("load average after: " + Files.readString(Path.of("/proc/loadavg")).trim());
    }

    /** Wall nanoseconds of each round of the merge over {@code partitions} files. */
    static double[] measure(long rows, int rounds, int partitions) throws IOException {
        Path directory = Files.createTempDirectory("shard-merge-bench");
        List<SharedArrowTable> tables = new ArrayList<>();
        try {
            for (StageFileTable part : parts(rows, partitions)) {
                tables.add(ArrowFiles.open(Path.of(StageFiles.write(part.table(), directory, part.partition())
                        .path())));
            }
            PartitionedJoinExec merge = new PartitionedJoinExec("joined", partitions, JoinType.INNER,
                    List.of(new JoinKey("k", "id")), new Schema(List.of()), OUTPUT, FILE, "benchmark");
            StageFragment fragment = new StageFragment(new ProbeRowsExec(rows, 16), List.of(merge),
                    new PartialAggregateExec(List.of(), List.of(new AggregateCall("n", AggregateFunction.COUNT,
                            null)), OUTPUT));
            StageKernel kernel = new StageKernel(fragment);
            double[] nanos = new double[rounds];
            for (int round = -1; round < rounds; round++) {
                long start = System.nanoTime();
                kernel.run(new InProcessShardContext(new Shard(0, 0, rows, 1, null, 0, 0), joinedInputs(tables)));
                if (round >= 0) {
                    nanos[round] = System.nanoTime() - start;
                }
            }
            return nanos;
        } finally {
            tables.forEach(SharedArrowTable::close);
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private record StageFileTable(int partition, ColumnTable table) {
    }

    /** Partition p's joined rows, in probe order: probe row i lands in the partition its mixed index picks. */
    private static List<StageFileTable> parts(long rows, int partitions) {
        int[] sizes = new int[partitions];
        for (long i = 0; i < rows; i++) {
            sizes[partitionOf(i, partitions)]++;
        }
        List<BatchColumn[]> columns = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            BatchColumn[] part = new BatchColumn[FILE.size()];
            for (int c = 0; c < part.length; c++) {
                part[c] = new BatchColumn(FILE.fields().get(c).type(), Math.max(1, sizes[p]));
            }
            columns.add(part);
        }
        int[] filled = new int[partitions];
        for (long i = 0; i < rows; i++) {
            int p = partitionOf(i, partitions);
            BatchColumn[] part = columns.get(p);
            int at = filled[p]++;
            part[0].longs[at] = i % 1_000;
            part[1].doubles[at] = i * 0.5;
            part[2].longs[at] = i - i % BATCH_ROWS;
            part[3].longs[at] = i;
            part[4].doubles[at] = i * 0.25;
        }
        List<StageFileTable> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            parts.add(new StageFileTable(p, new ColumnTable(FILE, sizes[p], List.of(columns.get(p)))));
        }
        return parts;
    }

    private static int partitionOf(long row, int partitions) {
        long mixed = row * 0x9E3779B97F4A7C15L;
        return (int) (((mixed ^ (mixed >>> 29)) >>> 1) % partitions);
    }

    /** The joined files as the stage's inputs ("joined" + p), as a worker would borrow them. */
    private static Map<String, Object> joinedInputs(List<SharedArrowTable> tables) {
        Map<String, Object> inputs = new HashMap<>();
        for (int p = 0; p < tables.size(); p++) {
            inputs.put("joined" + p, tables.get(p));
        }
        return inputs;
    }
}

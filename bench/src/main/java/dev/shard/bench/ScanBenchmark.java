package dev.shard.bench;

import static dev.shard.dsl.api.Functions.col;
import static dev.shard.dsl.api.Functions.count;
import static dev.shard.dsl.api.Functions.sum;

import dev.shard.dsl.api.Dataset;
import dev.shard.dsl.api.Session;
import dev.shard.examples.workload.ReferenceGenerator;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.runtime.report.RunReport;
import dev.shard.storage.arrow.ArrowFiles;
import dev.shard.storage.arrow.SharedArrowTable;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A scan + filter + aggregate over an Arrow IPC file (2 GiB at full size: doubles x, y, z
 * and ints k, m; 32 bytes a row), against a plain sequential read of the same mapping (one
 * thread summing every mapped column) in a JVM of its own ({@link SequentialRead}), one read
 * before each engine run. Both are reported in GB/s of
 * column bytes. The engine query is {@code filter m < 900, per k: count, sum x, y, z};
 * its checksum is {@code sum over k of (k+1) * (count + sum x + sum y + sum z)}, held to a
 * reference computed once from the mapping. Each run's private-memory growth per worker
 * (peak minus baseline, from /proc via the run report) shows the scan copied nothing big.
 */
final class ScanBenchmark {
    static final int BYTES_PER_ROW = 3 * Double.BYTES + 2 * Integer.BYTES;
    private static final int KEYS = 100;
    private static final int FILTER_BELOW = 900;
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;

    /**
     * GB/s of both sides, whether the read ran undisturbed, the file, and the largest private
     * growth of any worker in any measured run; and the CPU time per row of both sides (the
     * workers' whole processes for the engine, {@link WorkerCpu}; empty when a worker was replaced
     * in every run), the figures that still compare builds when other processes share the cores.
     */
    record Outcome(Samples sequentialRead, Samples engine, ReadSteadiness readSteadiness, long fileBytes,
            long columnBytes, long maxGrowthBytes, List<Long> growthPerRun, List<Double> readCpuNanosPerRow,
            List<Double> engineCpuNanosPerRow) {
    }

    private ScanBenchmark() {
    }

    static long rowsFor(long fileBytes) {
        return fileBytes / BYTES_PER_ROW;
    }

    static Outcome run(Session session, Path dir, long rows, int runs, int warmUps) throws Exception {
        Path file = dir.resolve("scan.arrow");
        long fileBytes = writeFile(file, rows);
        try (SharedArrowTable table = ArrowFiles.open(file)) {
            List<MemorySegment> doubles = new ArrayList<>();
            List<MemorySegment> ints = new ArrayList<>();
            columns(table, doubles, ints);
            long columnBytes = doubles.stream().mapToLong(MemorySegment::byteSize).sum()
                    + ints.stream().mapToLong(MemorySegment::byteSize).sum();
            Reference reference = reference(table);
            Dataset query = query(session, file);
            double[] sequential = new double[runs];
            double[] engine = new double[runs];
            double[] readCpuShares = new double[runs];
            List<Long> growth = new ArrayList<>();
            List<Double> readCpu = new ArrayList<>();
            List<Double> engineCpu = new ArrayList<>();
            List<Long> workers = List.of();
            try (SequentialRead read = SequentialRead.start(file)) {
                Measure.require(read.columnBytes() == columnBytes, "the sequential read's JVM found "
                        + read.columnBytes() + " column bytes in " + file + ", this process " + columnBytes);
                for (int round = -warmUps; round < runs; round++) {
                    SequentialRead.Reading reading = read.read();
                    EngineQueries.check(reading.total(), reference.columnTotal(), "sequential read of " + file);
                    long cpuBefore = WorkerCpu.nanos(workers);
                    EngineQueries.Timed timed = EngineQueries.run(query, ScanBenchmark::checksum,
                            reference.checksum(), "engine scan of " + file);
                    long cpuAfter = WorkerCpu.nanos(workers);
                    List<Long> ran = timed.result().report().map(WorkerCpu::pids).orElse(List.of());
                    if (round >= 0) {
                        readCpu.add(reading.cpuNanos() / (double) rows);
                        if (!workers.isEmpty() && ran.equals(workers) && cpuBefore >= 0 && cpuAfter >= 0) {
                            engineCpu.add((cpuAfter - cpuBefore) / (double) rows);
                        }
                        sequential[round] = columnBytes / (double) reading.wallNanos();
                        readCpuShares[round] = reading.cpuNanos() / (double) reading.wallNanos();
                        engine[round] = columnBytes / 1e9 / (timed.millis() / 1e3);
                        growth.add(timed.result().report().map(ScanBenchmark::maxGrowth).orElse(0L));
                    }
                    workers = ran;
                }
            }
            String size = String.format(java.util.Locale.ROOT, "%.2f GiB Arrow file", fileBytes / (double) (1L << 30));
            return new Outcome(new Samples("scan, sequential read of the mapping (1 thread in a JVM of its own, sum of all columns), "
                    + size, "GB/s", sequential),
                    new Samples("scan + filter + aggregate, engine " + session.workers() + " workers (zero-copy scan), "
                            + size, "GB/s", engine), ReadSteadiness.of(sequential, readCpuShares),
                    fileBytes, columnBytes, growth.stream().mapToLong(Long::longValue).max().orElse(0), growth,
                    readCpu, engineCpu);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The benchmark's file of {@code rows} rows; returns its size in bytes. */
    static long writeFile(Path file, long rows) throws IOException {
        return ArrowColumnsFile.write(file, rows, List.of(
                new ArrowColumnsFile.DoubleColumn("x", i -> ReferenceGenerator.uniform(11, i)),
                new ArrowColumnsFile.DoubleColumn("y", i -> ReferenceGenerator.uniform(12, i)),
                new ArrowColumnsFile.DoubleColumn("z", i -> ReferenceGenerator.uniform(13, i)),
                new ArrowColumnsFile.IntColumn("k", i -> ReferenceGenerator.key(14, i, KEYS)),
                new ArrowColumnsFile.IntColumn("m", i -> ReferenceGenerator.key(15, i, 1000))));
    }

    /** filter m < 900, per k: count, sum x, y, z. */
    static Dataset query(Session session, Path file) {
        return EngineQueries.arrowFile(session, file).filter(col("m").lt(FILTER_BELOW)).groupBy("k")
                .aggregate(count("n"), sum("x").as("sx"), sum("y").as("sy"), sum("z").as("sz"));
    }

    /** The data buffers of every column of every batch, as slices of the table's one mapping. */
    static void columns(SharedArrowTable table, List<MemorySegment> doubles, List<MemorySegment> ints) {
        MemorySegment memory = table.memory();
        for (VectorSchemaRoot batch : table.batches()) {
            for (FieldVector vector : batch.getFieldVectors()) {
                long offset = vector.getDataBuffer().memoryAddress() - memory.address();
                boolean isInt = vector instanceof IntVector;
                long bytes = (long) batch.getRowCount() * (isInt ? Integer.BYTES : Double.BYTES);
                (isInt ? ints : doubles).add(memory.asSlice(offset, bytes));
            }
        }
    }

    /** Four independent accumulators: one would measure the add latency chain, not memory. */
    static double sequentialSum(List<MemorySegment> doubles, List<MemorySegment> ints) {
        double total = 0;
        for (MemorySegment column : doubles) {
            long count = column.byteSize() / Double.BYTES;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            long i = 0;
            for (; i + 3 < count; i += 4) {
                s0 += column.getAtIndex(DOUBLE, i);
                s1 += column.getAtIndex(DOUBLE, i + 1);
                s2 += column.getAtIndex(DOUBLE, i + 2);
                s3 += column.getAtIndex(DOUBLE, i + 3);
            }
            for (; i < count; i++) {
                s0 += column.getAtIndex(DOUBLE, i);
            }
            total += (s0 + s1) + (s2 + s3);
        }
        for (MemorySegment column : ints) {
            long count = column.byteSize() / Integer.BYTES;
            long sum = 0;
            for (long i = 0; i < count; i++) {
                sum += column.getAtIndex(INT, i);
            }
            total += sum;
        }
        return total;
    }

    private record Reference(double checksum, double columnTotal) {
    }

    /** One row-at-a-time pass over the mapped batches: the engine's checksum and the sum of all columns. */
    private static Reference reference(SharedArrowTable table) {
        long[] counts = new long[KEYS];
        double[] sums = new double[KEYS];
        double columnTotal = 0;
        for (VectorSchemaRoot batch : table.batches()) {
            var x = (org.apache.arrow.vector.Float8Vector) batch.getVector("x");
            var y = (org.apache.arrow.vector.Float8Vector) batch.getVector("y");
            var z = (org.apache.arrow.vector.Float8Vector) batch.getVector("z");
            var k = (IntVector) batch.getVector("k");
            var m = (IntVector) batch.getVector("m");
            for (int r = 0; r < batch.getRowCount(); r++) {
                columnTotal += x.get(r) + y.get(r) + z.get(r) + k.get(r) + m.get(r);
                if (m.get(r) < FILTER_BELOW) {
                    counts[k.get(r)]++;
                    sums[k.get(r)] += x.get(r) + y.get(r) + z.get(r);
                }
            }
        }
        double checksum = 0;
        for (int key = 0; key < KEYS; key++) {
            checksum += (key + 1) * (counts[key] + sums[key]);
        }
        return new Reference(checksum, columnTotal);
    }

    static double checksum(ColumnTable table) {
        double checksum = 0;
        for (int r = 0; r < table.rows(); r++) {
            checksum += (table.column("k").longs[r] + 1) * (table.column("n").longs[r] + table.column("sx").doubles[r]
                    + table.column("sy").doubles[r] + table.column("sz").doubles[r]);
        }
        return checksum;
    }

    /** The largest private-memory growth (peak minus baseline) of any worker in the run. */
    static long maxGrowth(RunReport report) {
        return report.workers().stream().mapToLong(w -> w.peakPrivateBytes() - w.baselinePrivateBytes()).max()
                .orElse(0);
    }
}

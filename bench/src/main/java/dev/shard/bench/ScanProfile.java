package dev.shard.bench;

import static dev.shard.dsl.api.Functions.col;
import static dev.shard.dsl.api.Functions.count;

import dev.shard.dsl.api.Dataset;
import dev.shard.dsl.api.Session;
import dev.shard.dsl.api.Shard;
import dev.shard.planner.physical.SourceExec.ArrowScanExec;
import dev.shard.planner.physical.Stage;
import dev.shard.storage.arrow.ArrowFiles;
import dev.shard.storage.arrow.SharedArrowTable;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scan benchmark's stage kernel run in this process on one thread over the mapped file,
 * next to the benchmark's sequential read of the same mapping, round after round: where the
 * scan's time goes without the pool, the socket or a second process competing for the core.
 * Thread CPU time is printed beside wall time (the steadier figure on a loaded machine), and
 * the CPU time of the query's filter with only a count after it (the scan and the filter alone).
 */
final class ScanProfile {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ScanProfile() {
    }

    /**
     * The scan query's filter with a count and nothing else: the scan and the filter's share of
     * the stage, without the grouping and the sums.
     */
    static Dataset filterAndCount(Session session, Path file) {
        return EngineQueries.arrowFile(session, file).filter(col("m").lt(900)).groupBy().aggregate(count("n"));
    }

    static void run(int rounds, long rows) throws Exception {
        Path dir = Path.of(System.getenv().getOrDefault("SHARD_PROFILE_DIR", "/dev/shm"));
        Path file = Files.createTempFile(dir, "scan-profile-", ".arrow");
        try {
            long fileBytes = ScanBenchmark.writeFile(file, rows);
            try (Session session = Shard.local().workers(1).open();
                    SharedArrowTable table = ArrowFiles.open(file)) {
                Stage stage = session.physicalPlan(ScanBenchmark.query(session, file).plan()).stage();
                if (!(stage.fragment().source() instanceof ArrowScanExec scan)) {
                    throw new IllegalStateException("the scan query's stage does not start at an Arrow scan: "
                            + stage.fragment().source());
                }
                Stage filterStage = session.physicalPlan(filterAndCount(session, file).plan()).stage();
                List<MemorySegment> doubles = new ArrayList<>();
                List<MemorySegment> ints = new ArrayList<>();
                ScanBenchmark.columns(table, doubles, ints);
                long columnBytes = doubles.stream().mapToLong(MemorySegment::byteSize).sum()
                        + ints.stream().mapToLong(MemorySegment::byteSize).sum();
                System.out.printf("file %.1f MiB, %d rows, %.1f MiB of column data%n", fileBytes / 1048576.0, rows,
                        columnBytes / 1048576.0);
                for (int round = 0; round < rounds; round++) {
                    long start = System.nanoTime();
                    long cpuStart = THREADS.getCurrentThreadCpuTime();
                    double total = ScanBenchmark.sequentialSum(doubles, ints);
                    long readWall = System.nanoTime() - start;
                    long readCpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
                    StageProfile.Round kernel = StageProfile.rounds(stage, Map.of(scan.inputName(), table), 1, rows)
                            .getFirst();
                    StageProfile.Round filter = StageProfile.rounds(filterStage, Map.of(scan.inputName(), table), 1,
                            rows).getFirst();
                    System.out.printf("round %d: sequential read %.2f GB/s wall, %.2f GB/s CPU (sum %.6e);"
                            + " kernel %.2f GB/s wall, %.2f GB/s CPU, %.2f ns/row CPU; kernel / read (CPU) %.2f;"
                            + " filter + count %.2f ns/row CPU%n",
                            round, columnBytes / (double) readWall, columnBytes / (double) readCpu, total,
                            columnBytes / (double) kernel.wallNanos(), columnBytes / (double) kernel.cpuNanos(),
                            (double) kernel.cpuNanos() / rows, (double) readCpu / kernel.cpuNanos(),
                            (double) filter.cpuNanos() / rows);
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}

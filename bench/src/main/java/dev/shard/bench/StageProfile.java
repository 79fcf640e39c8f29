package dev.shard.bench;

import dev.shard.dsl.api.Dataset;
import dev.shard.dsl.api.Session;
import dev.shard.dsl.api.Shard;
import dev.shard.planner.exec.InProcessShardContext;
import dev.shard.planner.exec.StageKernel;
import dev.shard.planner.exec.StageResult;
import dev.shard.planner.physical.SourceExec.ArrowScanExec;
import dev.shard.planner.physical.Stage;
import dev.shard.runtime.protocol.PackedOutcomes;
import dev.shard.storage.arrow.ArrowFiles;
import dev.shard.storage.arrow.SharedArrowTable;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The W2 or W3 stage kernel run in this process on one thread, shard after shard, so the
 * worker side can be timed and profiled (JFR, {@code -XX:StartFlightRecording}) without the
 * pool, the socket or the driver's merge. Prints the time per round and per row; compare
 * with the 1-thread Java loop of {@code bench/engine.sh}. Inputs are generated from the row
 * index, as in the benchmark's "generated in workers" rows; {@code w2-arrow} and
 * {@code w3-arrow} scan the same rows from the benchmark's Arrow IPC file instead (written
 * once to {@code SHARD_PROFILE_DIR}, default /dev/shm, read zero-copy from its mapping,
 * deleted at the end), as its "Arrow IPC file" rows do. Each round prints a CRC-32 of the
 * partials it made, so two builds can be seen to give the same bits. {@code scan} runs the
 * scan benchmark's query (filter m < 900, per k count and sum x, y, z) over an Arrow file of
 * {@code rows} rows and prints the engine's kernel against a 1-thread sequential read of the
 * same mapping.
 *
 * <p>Usage: {@code StageProfile [w2|w3|w2-arrow|w3-arrow, comma-separated|scan] [rounds] [rows]}
 */
public final class StageProfile {
    /** CPU time as well as wall time: on a loaded machine the thread's CPU time is the steadier figure. */
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final String ARROW = "-arrow";

    private StageProfile() {
    }

    /**
     * One round over every shard: wall and thread CPU time, the block partials made, and the
     * bytes the thread allocated, the encoding of each shard's result included (into a
     * result pack, as a worker encodes it before sending); and the CRC-32 of the partials' bytes.
     */
    record Round(long wallNanos, long cpuNanos, long partials, long allocatedBytes, long partialsCrc) {
    }

    public static void main(String[] args) throws Exception {
        String workload = args.length > 0 ? args[0] : "w2";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        long rows = args.length > 2 ? Long.parseLong(args[2]) : 20_000_000;
        if (workload.equals("scan")) {
            ScanProfile.run(rounds, rows);
            return;
        }
        // "w2,w3": the stages alternate round by round in one JVM, as a worker of bench/engine.sh
        // runs them, so the shared loops see both shapes.
        List<String> workloads = List.of(workload.split(","));
        Path directory = Files.createTempDirectory(
                Path.of(System.getenv().getOrDefault("SHARD_PROFILE_DIR", "/dev/shm")), "stage-profile-");
        List<Profiled> stages = new ArrayList<>();
        try (Session session = Shard.local().workers(1).open()) {
            for (String name : workloads) {
                stages.add(profiled(session, name, rows, directory));
            }
            for (int round = 0; round < rounds; round++) {
                for (Profiled stage : stages) {
                    Round r = rounds(stage.stage(), stage.inputs(), 1, rows).getFirst();
                    System.out.printf("round %d %s: %.1f ms wall, %.2f ns/row wall, %.2f ns/row CPU,"
                            + " %d block partials, %.1f MiB allocated, partials crc %08x%n", round, stage.name(),
                            r.wallNanos() / 1e6, (double) r.wallNanos() / rows, (double) r.cpuNanos() / rows,
                            r.partials(), r.allocatedBytes() / 1048576.0, r.partialsCrc());
                }
            }
        } finally {
            for (Profiled stage : stages) {
                stage.close();
            }
            deleteAll(directory);
        }
    }

    /** Plans {@code workload} on a one-worker session, then runs its stage kernel here, {@code rounds} times. */
    static List<Round> run(String workload, int rounds, long rows) throws IOException {
        Path directory = Files.createTempDirectory(
                Path.of(System.getenv().getOrDefault("SHARD_PROFILE_DIR", "/dev/shm")), "stage-profile-");
        try (Session session = Shard.local().workers(1).open();
                Profiled stage = profiled(session, workload, rows, directory)) {
            return rounds(stage.stage(), stage.inputs(), rounds, rows);
        } finally {
            deleteAll(directory);
        }
    }

    /** A stage to run here, with its inputs open in this process and the table to close (null when generated). */
    private record Profiled(String name, Stage stage, Map<String, Object> inputs, SharedArrowTable table)
            implements AutoCloseable {
        @Override
        public void close() {
            if (table != null) {
                table.close();
            }
        }
    }

    /** Plans {@code workload}; an Arrow source's file is written into {@code directory} and opened here. */
    private static Profiled profiled(Session session, String workload, long rows, Path directory)
            throws IOException {
        boolean arrow = workload.endsWith(ARROW);
        String query = arrow ? workload.substring(0, workload.length() - ARROW.length()) : workload;
        boolean w2 = switch (query) {
            case "w2" -> true;
            case "w3" -> false;
            default -> throw new IllegalArgumentException("workload must be w2 or w3 (with -arrow: from an"
                    + " Arrow file), got '" + workload + "'");
        };
        if (!arrow) {
            Dataset source = w2 ? EngineQueries.groupAggregateSource(session, rows)
                    : EngineQueries.filterDeriveSource(session, rows);
            return new Profiled(workload, stage(session, w2, source), Map.of(), null);
        }
        Path file = directory.resolve(query + ".arrow");
        if (w2) {
            WorkloadArrays.GroupAggregate.generate(Math.toIntExact(rows)).writeArrow(file);
        } else {
            WorkloadArrays.FilterDerive.generate(Math.toIntExact(rows)).writeArrow(file);
        }
        Stage stage = stage(session, w2, EngineQueries.arrowFile(session, file));
        if (!(stage.fragment().source() instanceof ArrowScanExec scan)) {
            throw new IllegalStateException(workload + "'s stage does not start at an Arrow scan: "
                    + stage.fragment().source());
        }
        SharedArrowTable table = ArrowFiles.open(file);
        return new Profiled(workload, stage, Map.of(scan.inputName(), table), table);
    }

    private static Stage stage(Session session, boolean w2, Dataset source) {
        Dataset query = w2 ? EngineQueries.groupAggregate(source) : EngineQueries.filterDerive(source);
        return session.physicalPlan(query.plan()).stage();
    }

    /** The CRC-32 of the results' partials, in shard order: outside the timed part. */
    private static long crc(List<StageResult> results) {
        CRC32 crc = new CRC32();
        for (StageResult result : results) {
            byte[] bytes = new byte[result.partials().bytes()];
            result.partials().copyTo(bytes, 0);
            crc.update(bytes);
        }
        return crc.getValue();
    }

    private static void deleteAll(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(directory);
    }

    /** Runs {@code stage}'s kernel over every shard of {@code rows}, {@code rounds} times, with {@code inputs} open here. */
    static List<Round> rounds(Stage stage, Map<String, Object> inputs, int rounds, long rows) {
        StageKernel kernel = new StageKernel(stage.fragment());
        long shardRows = stage.sizing().rowsPerShard();
        List<Round> measured = new ArrayList<>();
        PackedOutcomes.Builder pack = new PackedOutcomes.Builder(0, 1);
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long allocatedStart = THREADS.getCurrentThreadAllocatedBytes();
            long partials = 0;
            List<StageResult> results = new ArrayList<>();
            for (int id = 0; (long) id * shardRows < rows; id++) {
                long first = id * shardRows;
                var shard = new dev.shard.runtime.task.Shard(id, first, Math.min(rows, first + shardRows), 1,
                        null, 0, 0);
                StageResult result = kernel.run(new InProcessShardContext(shard, inputs));
                partials += result.partials().blocks();
                pack.reset(id, 1);
                pack.append(result);
                pack.commit(0);
                pack.build();
                results.add(result);
            }
            long wall = System.nanoTime() - start;
            long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedStart;
            measured.add(new Round(wall, cpu, partials, allocated, crc(results)));
        }
        return measured;
    }
}

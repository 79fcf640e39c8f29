package dev.shard.examples.dataflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shard.dsl.api.Dataset;
import dev.shard.dsl.api.Result;
import dev.shard.dsl.api.Session;
import dev.shard.dsl.api.Shard;
import dev.shard.examples.ProgramOutput;
import dev.shard.examples.workload.FilterDeriveAggregateWorkload;
import dev.shard.examples.workload.GroupAggregateWorkload;
import dev.shard.planner.explain.StageExplanation;
import dev.shard.planner.physical.StageSizing;
import dev.shard.runtime.tune.WorkerMemory;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.segment.SegmentStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Determinism, bit for bit, of W2 (groupagg) and W3 (filter-agg) as the examples build them,
 * through the fluent API: for 1, 2 and 3 workers and three memory budgets each, the CSV and the
 * Arrow IPC file the engine writes are byte-identical across all nine runs; the CSV is the one
 * plain loops write ({@link ReferenceCsv}), so identical wrong files cannot pass; and for every
 * worker count the three budgets made the tuner cut the aggregating stage into three different
 * shard sizes, so the runs did see different layouts.
 */
@Tag("process")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class WorkloadFilesDeterminismProcessTest {
    /** Not a whole number of 65,536-row blocks, so the last block and shard are short. */
    private static final long ROWS = 2_000_000 + 12_345;
    private static final double RELATIVE = 1e-9;

    @TempDir
    static Path directory;

    /** The two workloads, each the example's own query and its expected file. */
    enum Workload {
        W2(GroupAggregateProgram::query),
        W3(FilterAggregateProgram::query);

        private final BiFunction<Session, Long, Dataset> query;

        Workload(BiFunction<Session, Long, Dataset> query) {
            this.query = query;
        }

        Dataset query(Session session) {
            return query.apply(session, ROWS);
        }

        ReferenceCsv.Expected expected() {
            long block = StageSizing.aggregateBlockRows(ROWS);
            return this == W2 ? ReferenceCsv.groupAggregate(ROWS, block) : ReferenceCsv.filterAggregate(ROWS, block);
        }

        double workloadChecksum() {
            return this == W2 ? GroupAggregateWorkload.referenceChecksum(ROWS)
                    : FilterDeriveAggregateWorkload.referenceChecksum(ROWS);
        }
    }

    /**
     * No budget, then per-worker slices that leave above a worker's planned base (its non-heap
     * memory and the young generation of the smallest heap bound, which these slices get) 2.75 and
     * 1.25 MiB: about 3.5 and 1.6 blocks of 65,536 rows at the ~12.5 B a row the tuner plans for
     * either stage, so memory caps shards at 3 blocks, then at 1.
     */
    enum Budget {
        NONE(-1), ROOM_FOR_THREE_BLOCKS(11L << 18), ROOM_FOR_ONE_BLOCK(5L << 18);

        private static final long WORKER_BASE = WorkerMemory.NON_HEAP_PRIVATE_BYTES
                + WorkerMemory.youngGenerationBytes(WorkerMemory.MIN_HEAP_BYTES);
        private final long roomPerWorker;

        Budget(long roomPerWorker) {
            this.roomPerWorker = roomPerWorker;
        }

        /** The session's whole budget for {@code workers} (0: none). */
        long bytes(int workers) {
            return roomPerWorker < 0 ? 0 : workers * (WORKER_BASE + roomPerWorker);
        }
    }

    /**
     * One run's files, the rows per shard the tuner chose for its aggregating stage and where the
     * block partials were merged (explain's note), which the test prints.
     */
    private record Run(int workers, Budget budget, Path csv, Path arrow, long shardRows, String merge) {
        String name() {
            return workers + " worker" + (workers == 1 ? "" : "s") + ", budget " + budget;
        }
    }

    @AfterAll
    static void nothingLeft() throws Exception {
        assertEquals(List.of(), SegmentStore.shared().owned(), "segments left open");
        try (Stream<Path> entries = Files.list(SegmentStore.shared().runDirectory(Backing.SHM))) {
            assertEquals(List.of(), entries.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith("stage-")).toList(), "stage directories left behind");
        }
        ProgramOutput.awaitNoChildren(Duration.ofSeconds(20));
    }

    @Test
    void everyWorkerCountAndBudgetWritesTheSameBytesAsThePlainLoops() throws Exception {
        Map<Workload, List<Run>> runs = new EnumMap<>(Workload.class);
        for (int workers = 1; workers <= 3; workers++) {
            for (Budget budget : Budget.values()) {
                try (Session session = Shard.local().workers(workers).memoryBudget(budget.bytes(workers)).open()) {
                    for (Workload workload : Workload.values()) {
                        runs.computeIfAbsent(workload, w -> new ArrayList<>()).add(run(session, workload, budget));
                    }
                }
            }
        }
        for (Workload workload : Workload.values()) {
            checkFiles(workload, runs.get(workload));
            checkLayouts(workload, runs.get(workload));
        }
    }

    private static Run run(Session session, Workload workload, Budget budget) {
        String name = workload + "-" + session.workers() + "-" + budget;
        Path csv = directory.resolve(name + ".csv");
        Path arrow = directory.resolve(name + ".arrow");
        Result written = workload.query(session).write(csv);
        workload.query(session).write(arrow);
        StageExplanation aggregating = written.explanation().stages().getFirst();
        String merge = aggregating.notes().stream().filter(note -> note.startsWith("merge stage: "))
                .map(note -> note.replaceFirst(" folded .*", "")).findFirst().orElse("merged on the driver");
        return new Run(session.workers(), budget, csv, arrow, aggregating.shardRows(), merge);
    }

    private static void checkFiles(Workload workload, List<Run> runs) throws IOException {
        ReferenceCsv.Expected expected = workload.expected();
        double checksum = workload.workloadChecksum();
        assertEquals(checksum, expected.checksum(), Math.abs(checksum) * RELATIVE,
                workload + ": the reference's numbers against the workload's row-by-row checksum");
        Run first = runs.getFirst();
        assertEquals(expected.csv(), Files.readString(first.csv()), workload + ", " + first.name()
                + ": the CSV against the plain loops");
        assertEquals(expected.csv(), OutputFiles.arrowAsCsv(first.arrow()), workload + ", " + first.name()
                + ": the Arrow file's rows against the plain loops");
        for (Run other : runs) {
            assertEquals(-1, OutputFiles.mismatch(first.csv(), other.csv()), () -> workload + ": CSV of "
                    + other.name() + " differs from " + first.name() + "'s, first at "
                    + OutputFiles.firstDifferingLine(first.csv(), other.csv()));
            assertEquals(-1, OutputFiles.mismatch(first.arrow(), other.arrow()), () -> workload + ": Arrow file of "
                    + other.name() + " differs from " + first.name() + "'s, first at byte "
                    + OutputFiles.mismatch(first.arrow(), other.arrow()));
        }
    }

    /** For each worker count, the three budgets gave three different shard sizes. */
    private static void checkLayouts(Workload workload, List<Run> runs) {
        for (int workers = 1; workers <= 3; workers++) {
            Map<Budget, Long> shardRows = new EnumMap<>(Budget.class);
            Map<Budget, String> merges = new EnumMap<>(Budget.class);
            for (Run run : runs) {
                if (run.workers() == workers) {
                    shardRows.put(run.budget(), run.shardRows());
                    merges.put(run.budget(), run.merge());
                }
            }
            String who = workload + ", " + workers + " worker" + (workers == 1 ? "" : "s");
            System.out.println(who + ": rows per shard by budget " + shardRows + "; merges " + merges);
            assertEquals(Budget.values().length, shardRows.values().stream().distinct().count(), who
                    + ": every budget gives another layout, rows per shard " + shardRows);
        }
    }
}

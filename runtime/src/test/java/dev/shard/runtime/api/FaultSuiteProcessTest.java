package dev.shard.runtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.report.RunReport;
import dev.shard.runtime.task.ShardContext;
import dev.shard.runtime.task.PoolStatus;
import dev.shard.runtime.task.Shards;
import dev.shard.runtime.testing.FullFileSystemRun;
import dev.shard.runtime.testing.SegmentHeaders;
import dev.shard.runtime.testing.SmallTmpfs;
import dev.shard.runtime.testing.WorkerProcesses;
import dev.shard.storage.segment.SegmentStore;
import dev.shard.storage.share.Shared;
import dev.shard.storage.share.SharedInput;
import dev.shard.storage.share.SharedLongArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected into real worker JVMs; for each, the result is exact or the run fails
 * with a clear error, and no worker process or segment of ours is left. Sized for 2 cores
 * (about a minute). Writes its table to target/fault-suite.md (a copy is docs/fault-suite.md).
 */
@Tag("faults")
@Tag("process")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class FaultSuiteProcessTest {
    private record Row(String fault, int injected, boolean exact, boolean cleanFailure, String leftovers) {
    }

    private static final List<Row> ROWS = new ArrayList<>();

    @AfterAll
    static void writeTheTable() throws IOException, InterruptedException {
        List<ProcessHandle> left = WorkerProcesses.awaitNone();
        StringBuilder table = new StringBuilder("| fault | faults injected | run exact | clean failure | leftovers |\n"
                + "|---|---|---|---|---|\n");
        for (Row row : ROWS) {
            table.append("| ").append(row.fault()).append(" | ").append(row.injected()).append(" | ")
                    .append(row.exact() ? "yes" : "no").append(" | ").append(row.cleanFailure() ? "yes" : "-")
                    .append(" | ").append(row.leftovers()).append(" |\n");
        }
        Path out = Path.of("target", "fault-suite.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
        System.out.print(table);
        assertEquals(List.of(), left, "worker processes left running");
    }

    private static String leftovers() throws InterruptedException {
        List<ProcessHandle> workers = WorkerProcesses.awaitNone();
        int segments = SegmentStore.shared().owned().size();
        return workers.size() + " workers, " + segments + " segments";
    }

    private static CompletableFuture<Run<Integer>> sleepyRun(Pool pool, int shards, long millis) {
        return CompletableFuture.supplyAsync(() -> pool.shardMap(Shards.contiguous(shards, 1), context -> {
            Thread.sleep(millis);
            return context.shard().id();
        }, RunOptions.none()));
    }

    private static long awaitFreshWorker(Pool pool, Set<Long> spent, CompletableFuture<?> running)
            throws InterruptedException {
        while (!running.isDone()) {
            for (PoolStatus.WorkerStatus worker : pool.status().workers()) {
                if (!spent.contains(worker.pid()) && worker.state().equals("READY") && worker.tasksDone() > 5) {
                    return worker.pid();
                }
            }
            Thread.sleep(5);
        }
        return 0;
    }

    @Test
    void twentyRandomWorkerKillsInOneRun() throws Exception {
        Random random = new Random(20);
        Set<Long> killed = new HashSet<>();
        Run<Integer> run;
        try (Pool pool = Pool.builder().workers(2).maxRetries(20).start()) {
            CompletableFuture<Run<Integer>> running = sleepyRun(pool, 6_000, 2);
            while (killed.size() < 20 && !running.isDone()) {
                long victim = awaitFreshWorker(pool, killed, running);
                Thread.sleep(random.nextInt(40));
                if (victim > 0) {
                    ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
                    killed.add(victim);
                }
            }
            run = running.get(180, TimeUnit.SECONDS);
        }
        boolean exact = run.succeeded() && run.results().equals(IntStream.range(0, 6_000).boxed().toList());
        ROWS.add(new Row("worker SIGKILL, at random moments", run.report().deaths().size(), exact, false, leftovers()));
        assertTrue(exact, run.report()::renderText);
        assertTrue(run.report().deaths().size() >= 10, run.report()::renderText);
    }

    @Test
    void aStoppedWorkerIsReplacedAndContinuedOneIsHarmless() throws Exception {
        Run<Integer> run;
        try (Pool pool = Pool.builder().workers(2).taskTimeout(Duration.ofSeconds(3)).start()) {
            CompletableFuture<Run<Integer>> running = sleepyRun(pool, 400, 20);
            long victim = awaitFreshWorker(pool, Set.of(), running);
            new ProcessBuilder("kill", "-STOP", Long.toString(victim)).start().waitFor();
            Thread.sleep(6_000);
            // Continued after the driver gave up on it: whatever it sends now is a duplicate or ignored.
            new ProcessBuilder("kill", "-CONT", Long.toString(victim)).start().waitFor();
            run = running.get(120, TimeUnit.SECONDS);
        }
        RunReport report = run.report();
        boolean exact = run.succeeded() && run.results().equals(IntStream.range(0, 400).boxed().toList());
        ROWS.add(new Row("worker SIGSTOP past the task timeout, then SIGCONT", 1, exact, false, leftovers()));
        assertTrue(exact, report::renderText);
        // Either the driver's backstop ("unresponsive") or the worker's own watchdog, once continued, ends it.
        assertEquals(1, report.deaths().size(), report::renderText);
    }

    @Test
    void aWorkerHeapOutOfMemoryIsADeathAndTheShardRunsAgain() throws Exception {
        Run<Integer> run;
        try (Pool pool = Pool.builder().workers(2).workerJvmOptions(List.of("-Xmx64m")).start()) {
            run = pool.shardMap(Shards.contiguous(40, 1), context -> {
                if (context.shard().id() == 7 && context.attempt() == 1) {
                    List<long[]> hog = new ArrayList<>();
                    while (true) {
                        hog.add(new long[1 << 20]);
                    }
                }
                return context.shard().id();
            }, RunOptions.none());
        }
        boolean exact = run.succeeded() && run.results().equals(IntStream.range(0, 40).boxed().toList());
        ROWS.add(new Row("worker heap OutOfMemoryError", 1, exact, false, leftovers()));
        assertTrue(exact, run.report()::renderText);
        assertEquals(1, run.report().deaths().size(), run.report()::renderText);
    }

    @Test
    void aShardThatAlwaysKillsItsWorkerFailsTheRunClearly() throws Exception {
        Run<Integer> run;
        try (Pool pool = Pool.builder().workers(2).maxRetries(2).workerJvmOptions(List.of("-Xmx64m")).start()) {
            run = pool.shardMap(Shards.contiguous(20, 1), context -> {
                if (context.shard().id() == 3) {
                    List<long[]> hog = new ArrayList<>();
                    while (true) {
                        hog.add(new long[1 << 20]);
                    }
                }
                return context.shard().id();
            }, RunOptions.none());
        }
        // Shards that were in flight beside shard 3 share its lost attempts, so they may fail too;
        // shard 3 must be among the failures, each saying its worker died and how.
        boolean clean = !run.succeeded() && run.failures().stream().anyMatch(failure -> failure.shardId() == 3)
                && run.failures().stream().allMatch(failure -> failure.error().contains("died: Java heap exhausted"));
        ROWS.add(new Row("worker OOM on every attempt of one shard", 3, false, clean, leftovers()));
        assertTrue(clean, run.report()::renderText);
    }

    @Test
    void aCorruptedHeaderBeforeWorkersOpenTheInputFailsTheRunNamingTheSegment() throws Exception {
        Run<Long> run;
        Path segment;
        try (SharedInput input = Shared.share(LongStream.range(0, 4_000).toArray());
                Pool pool = Pool.builder().workers(2).start()) {
            segment = input.handle().file();
            SegmentHeaders.overwrite(segment);
            run = pool.shardMap(Shards.contiguous(4_000, 100), FaultSuiteProcessTest::sumOfShard, RunOptions.none()
                    .withInput("x", input.handle()));
        }
        String named = segment.toString();
        // The run stops once a shard has used its attempts, so not every shard need be among the failures.
        boolean clean = !run.succeeded() && !run.failures().isEmpty()
                && run.failures().stream().allMatch(failure -> failure.error().contains(named)
                        && failure.error().contains("is not a shard array"))
                && run.report().deaths().isEmpty() && throwsOnResults(run);
        ROWS.add(new Row("corrupted segment header, before workers open the input", 1, false, clean, leftovers()));
        assertTrue(clean, () -> run.failures().getFirst().error() + "\n" + run.report().renderText());
    }

    @Test
    void aCorruptedHeaderWhileARunUsesTheInputLeavesTheRunExact() throws Exception {
        Run<Long> run;
        long[] values = LongStream.range(0, 4_000).toArray();
        try (SharedInput input = Shared.share(values); Pool pool = Pool.builder().workers(2).start()) {
            CompletableFuture<Run<Long>> running = CompletableFuture.supplyAsync(() -> pool.shardMap(
                    Shards.contiguous(4_000, 10), context -> {
                        Thread.sleep(3);
                        return sumOfShard(context);
                    }, RunOptions.none().withInput("x", input.handle())));
            // Both workers have opened and checked the header once each has finished a shard.
            while (!running.isDone() && pool.status().workers().stream().anyMatch(worker -> worker.tasksDone() < 2)) {
                Thread.sleep(5);
            }
            SegmentHeaders.overwrite(input.handle().file());
            run = running.get(120, TimeUnit.SECONDS);
        }
        // A worker started after the corruption (none here) would fail its shards with the
        // header error; those that had opened the input read data the corruption did not touch.
        List<Long> expected = IntStream.range(0, 400).mapToObj(shard -> LongStream.range(shard * 10L, shard * 10L + 10)
                .sum()).toList();
        boolean exact = run.succeeded() && run.results().equals(expected);
        ROWS.add(new Row("corrupted segment header, while workers use the input", 1, exact, false, leftovers()));
        assertTrue(exact, run.report()::renderText);
    }

    private static long sumOfShard(ShardContext context) {
        SharedLongArray x = context.input("x", SharedLongArray.class);
        long sum = 0;
        for (long item = context.shard().start(); item < context.shard().end(); item++) {
            sum += x.get(item);
        }
        return sum;
    }

    private static boolean throwsOnResults(Run<?> run) {
        try {
            run.results();
            return false;
        } catch (RuntimeException expected) {
            return true;
        }
    }

    @Test
    void aFileSystemFillingDuringARunKeepsTheRunExactAndRefusesTheNextSegment(@TempDir Path directory)
            throws Exception {
        Optional<String> unavailable = SmallTmpfs.unavailable();
        if (unavailable.isPresent()) {
            ROWS.add(new Row("file system filling during a run (small tmpfs)", 0, false, false,
                    "skipped: " + unavailable.get()));
            Assumptions.abort("skipped: " + unavailable.get());
        }
        try (SmallTmpfs tmpfs = SmallTmpfs.mount(directory.resolve("tmpfs"), 24)) {
            FullFileSystemRun outcome = FullFileSystemRun.start(tmpfs.path(), directory.resolve("driver.log"));
            outcome.awaitRunning();
            long filled = tmpfs.fill();
            outcome.awaitExit();
            tmpfs.unfill();
            List<Path> leftRunDirectories = tmpfs.runDirectories();
            boolean exact = outcome.printed("exact=true");
            boolean clean = !exact && outcome.printed("failure: ") && outcome.printed("refused: ");
            ROWS.add(new Row("file system filling during a run (small tmpfs)", 1, exact, clean,
                    leftovers() + ", " + leftRunDirectories.size() + " run directories on the tmpfs"));
            assertTrue(filled > 0, "the filler wrote nothing: the tmpfs was full before the run\n" + outcome.log());
            assertEquals(0, outcome.exitCode(), outcome.log());
            assertTrue(exact || clean, outcome.log());
            // The segments were reserved before the run: filling the file system cannot break them,
            // but the next segment must be refused naming the size, the directory and the variable.
            assertTrue(outcome.printed("refused: ") && outcome.printed("SHARD_SHM_DIR")
                    && outcome.printed(tmpfs.path().toString()), outcome.log());
            assertEquals(List.of(), leftRunDirectories, "run directories left on the tmpfs");
            assertEquals(List.of(), outcome.descendantsAlive(), "processes of the driver left running");
        }
    }
}

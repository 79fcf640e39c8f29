package dev.shard.runtime.api;

import dev.shard.runtime.report.RunReport;
import dev.shard.runtime.task.PoolStatus;
import dev.shard.runtime.task.ShardContext;
import dev.shard.runtime.task.ShardFailure;
import dev.shard.runtime.task.Shards;
import dev.shard.runtime.testing.SegmentArray;
import dev.shard.runtime.testing.WorkerProcesses;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.segment.Segment;
import dev.shard.storage.segment.SegmentStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Workers that die, hang or throw: the run's outcome stays right and says what happened. */
@Tag("process")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FailureProofTest {
    private static final int ITEMS = 4_000;

    @AfterEach
    void noSegmentsLeft() {
        assertEquals(List.of(), SegmentStore.shared().owned(), "segments left open");
    }

    @AfterAll
    static void noWorkersLeft() throws InterruptedException {
        assertEquals(List.of(), WorkerProcesses.awaitNone(), "worker processes left running");
    }

    /** Writes 2·x[i] + a per-shard random offset into y and returns the shard's sum, slowly. */
    static Double slowDoubler(ShardContext context) throws InterruptedException {
        SegmentArray x = context.input("x", SegmentArray.class);
        SegmentArray y = context.output("y", SegmentArray.class);
        double offset = context.random().nextDouble();
        double sum = 0;
        for (long i = context.shard().start(); i < context.shard().end(); i++) {
            double value = 2 * x.getDouble(i) + offset;
            y.setDouble(i, value);
            sum += value;
        }
        Thread.sleep(15);
        return sum;
    }

    private record Outcome(List<Double> results, double[] output, RunReport report) {
    }

    private static Outcome doubling(Pool pool, boolean killOneWorker) throws Exception {
        try (Segment x = SegmentStore.shared().create(ITEMS * 8L, Backing.SHM);
                Segment y = SegmentStore.shared().create(ITEMS * 8L, Backing.SHM)) {
            for (int i = 0; i < ITEMS; i++) {
                x.setDouble(i * 8L, i * 0.5);
            }
            RunOptions options = RunOptions.none().withSeed(7)
                    .withInput("x", SegmentArray.Reference.readOnly(x))
                    .withOutput("y", SegmentArray.Reference.readWrite(y));
            CompletableFuture<Run<Double>> running = CompletableFuture.supplyAsync(
                    () -> pool.shardMap(Shards.contiguous(ITEMS, 20), FailureProofTest::slowDoubler, options));
            if (killOneWorker) {
                // Killed once it has done work, whatever the machine's load: its output must be redone right.
                long pid = awaitProgress(pool, 1);
                ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            }
            Run<Double> run = running.get(90, TimeUnit.SECONDS);
            assertTrue(run.succeeded(), () -> run.report().renderText());
            double[] output = new double[ITEMS];
            for (int i = 0; i < ITEMS; i++) {
                output[i] = y.getDouble(i * 8L);
            }
            return new Outcome(run.results(), output, run.report());
        }
    }

    /** Waits until the worker in {@code slot} has finished a task; returns its pid. */
    private static long awaitProgress(Pool pool, int slot) throws InterruptedException {
        while (true) {
            PoolStatus.WorkerStatus worker = pool.status().workers().get(slot);
            if (worker.tasksDone() > 0) {
                return worker.pid();
            }
            Thread.sleep(5);
        }
    }

    @Test
    void recyclingDoesNotChangeSeededResults() throws Exception {
        Outcome clean;
        Outcome recycled;
        try (Pool pool = Pool.builder().workers(2).start()) {
            clean = doubling(pool, false);
        }
        try (Pool pool = Pool.builder().workers(2).maxTasksPerWorker(70).start()) {
            recycled = doubling(pool, false);
        }
        RunReport report = recycled.report();
        assertTrue(report.recycles().size() >= 2, report::renderText);
        assertEquals(0, report.deaths().size(), report::renderText);
        assertEquals(clean.results(), recycled.results(), "per-shard random streams do not depend on the process");
        assertTrue(java.util.Arrays.equals(clean.output(), recycled.output()), "output buffer equals a clean run's");
    }

    @Test
    void aWorkerKilledMidRunIsReplacedAndTheOutputEqualsACleanRun() throws Exception {
        Outcome clean;
        Outcome killed;
        try (Pool pool = Pool.builder().workers(2).start()) {
            clean = doubling(pool, false);
        }
        try (Pool pool = Pool.builder().workers(2).start()) {
            long victim = pool.status().workers().get(1).pid();
            killed = doubling(pool, true);
            assertFalse(pool.status().workers().stream().anyMatch(w -> w.pid() == victim), "victim replaced");
            assertEquals(2, pool.status().workers().stream().filter(w -> w.state().equals("READY")).count());
        }
        assertEquals(clean.results(), killed.results());
        assertTrue(java.util.Arrays.equals(clean.output(), killed.output()), "output buffer equals a clean run's");
        RunReport report = killed.report();
        assertEquals(1, report.deaths().size(), report::renderText);
        assertTrue(report.deaths().getFirst().cause().contains("SIGKILL"), report.deaths().getFirst().cause());
        assertTrue(report.shards().retries() >= 1, report::renderText);
        assertEquals(0, clean.report().deaths().size());
        System.out.println(report.renderText());
    }

    @Test
    void aHangingTaskIsKilledAfterTheTimeoutAndThePoolStaysUsable() {
        try (Pool pool = Pool.builder().workers(2).taskTimeout(Duration.ofSeconds(5)).start()) {
            Run<Integer> run = pool.shardMap(Shards.contiguous(20, 1), context -> {
                if (context.shard().id() == 3 && context.attempt() == 1) {
                    Thread.sleep(TimeUnit.HOURS.toMillis(1));
                }
                return context.shard().id();
            }, RunOptions.none());

            assertTrue(run.succeeded(), () -> run.report().renderText());
            assertEquals(java.util.stream.IntStream.range(0, 20).boxed().toList(), run.results());
            RunReport report = run.report();
            assertEquals(1, report.deaths().size(), report::renderText);
            assertTrue(report.deaths().getFirst().cause().contains("task timeout on shard 3"),
                    report.deaths().getFirst().cause());
            assertTrue(report.shards().retries() >= 1, report::renderText);

            Run<Integer> after = pool.shardMap(Shards.contiguous(10, 1), context -> 1, RunOptions.none());
            assertEquals(10, after.results().stream().mapToInt(Integer::intValue).sum());
            assertEquals(2, pool.status().workers().stream().filter(w -> w.state().equals("READY")).count());
        }
    }

    @Test
    void anAlwaysThrowingShardFailsTheRunAfterMaxRetriesPlusOneAttempts() {
        try (Pool pool = Pool.builder().workers(2).maxRetries(2).start()) {
            Run<Integer> run = pool.shardMap(Shards.contiguous(12, 1), context -> {
                if (context.shard().id() == 5) {
                    throw new IllegalStateException("bad row in shard " + context.shard().id());
                }
                return 1;
            }, RunOptions.none());

            assertFalse(run.succeeded());
            assertEquals(1, run.failures().size());
            ShardFailure failure = run.failures().getFirst();
            assertEquals(5, failure.shardId());
            assertEquals(3, failure.attempts());
            assertTrue(failure.error().contains("IllegalStateException: bad row in shard 5"), failure.error());
            assertTrue(failure.remoteStackTrace().contains("FailureProofTest"), failure.remoteStackTrace());
            RunFailedException error = assertThrows(RunFailedException.class, run::results);
            assertTrue(error.getMessage().contains("shard 5 failed after 3 attempts (last on worker "),
                    error.getMessage());
            assertTrue(error.getMessage().contains("bad row in shard 5"), error.getMessage());
            assertEquals("failed", run.report().status());
            assertEquals(1, run.report().failures().size());

            ReduceRun<Integer> reduce = pool.reduce(Shards.contiguous(12, 1), context -> {
                if (context.shard().id() == 5) {
                    throw new IllegalStateException("again");
                }
                return 1;
            }, Integer::sum, 0, RunOptions.none());
            assertFalse(reduce.succeeded());
            assertThrows(RunFailedException.class, reduce::result, "never a silent partial sum");
        }
    }

    @Test
    void reduceFoldsInShardOrder() {
        try (Pool pool = Pool.builder().workers(2).start()) {
            ReduceRun<ArrayList<Integer>> reduce = pool.reduce(Shards.contiguous(50, 1), context -> context.shard().id(),
                    (list, id) -> {
                        list.add(id);
                        return list;
                    }, new ArrayList<>(), RunOptions.none());
            assertEquals(java.util.stream.IntStream.range(0, 50).boxed().toList(), reduce.result());
        }
    }

    @Test
    void aFrozenWorkerIsKilledByTheDriverAndItsShardsRunElsewhere() throws Exception {
        try (Pool pool = Pool.builder().workers(2).taskTimeout(Duration.ofSeconds(5)).start()) {
            long frozen = pool.status().workers().get(1).pid();
            CompletableFuture<Run<Integer>> running = CompletableFuture.supplyAsync(() -> pool.shardMap(
                    Shards.contiguous(24, 1), context -> {
                        Thread.sleep(150);
                        return context.shard().id();
                    }, RunOptions.none()));
            awaitProgress(pool, 1);
            // SIGSTOP: the worker's own timeout watchdog is frozen too, so only the driver can act.
            assertEquals(0, new ProcessBuilder("kill", "-STOP", Long.toString(frozen)).start().waitFor());
            Run<Integer> run = running.get(60, TimeUnit.SECONDS);
            assertTrue(run.succeeded(), () -> run.report().renderText());
            assertEquals(java.util.stream.IntStream.range(0, 24).boxed().toList(), run.results());
            RunReport report = run.report();
            assertEquals(1, report.deaths().size(), report::renderText);
            assertTrue(report.deaths().getFirst().cause().startsWith("unresponsive: a batch of"), report::renderText);
            assertFalse(ProcessHandle.of(frozen).map(ProcessHandle::isAlive).orElse(false), "frozen worker killed");
        }
    }
}

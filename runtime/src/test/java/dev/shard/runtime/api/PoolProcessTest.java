package dev.shard.runtime.api;

import dev.shard.runtime.task.PoolStatus;
import dev.shard.runtime.task.ShardContext;
import dev.shard.runtime.task.ShardKernel;
import dev.shard.runtime.task.Shards;
import dev.shard.runtime.testing.SegmentArray;
import dev.shard.runtime.testing.WorkerProcesses;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.segment.Segment;
import dev.shard.storage.segment.SegmentStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real worker JVMs: start, handshake, run shards, reuse, stop. */
@Tag("process")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PoolProcessTest {

    @AfterAll
    static void noWorkersLeft() throws InterruptedException {
        assertEquals(List.of(), WorkerProcesses.awaitNone(), "worker processes left running");
    }

    @Test
    void workersRunShardsAndResultsComeBackInShardOrder() {
        try (Pool pool = Pool.builder().workers(2).start()) {
            PoolStatus status = pool.status();
            assertEquals(2, status.workers().size());
            assertNotEquals(status.workers().get(0).pid(), status.workers().get(1).pid());
            assertTrue(status.medianStartMillis() > 0, "start-up is measured");
            System.out.println("worker start-up (spawn to connected), ms: " + status.workerStartMillis()
                    + "; pool start " + status.poolStartSeconds() + " s");

            Run<Long> run = pool.shardMap(Shards.contiguous(1_000, 7),
                    context -> {
                        long sum = 0;
                        for (long item = context.shard().start(); item < context.shard().end(); item++) {
                            sum += item;
                        }
                        return sum;
                    }, RunOptions.none());

            assertTrue(run.succeeded(), () -> run.report().renderText());
            List<Long> expected = LongStream.range(0, Shards.contiguous(1_000, 7).count())
                    .mapToObj(id -> LongStream.range(id * 7, Math.min(1_000, id * 7 + 7)).sum()).toList();
            assertEquals(expected, run.results());
            assertEquals(143, run.report().shards().succeeded());
            assertEquals("succeeded", run.report().status());
            assertEquals(status.workerStartMillis().stream().sorted().toList(), run.report().workers().stream()
                    .map(worker -> worker.startMillis()).sorted().toList(), "per-worker start-up in the report");
            assertTrue(run.report().toJson().contains("\"startMillis\":"), run.report().toJson());
            long sumOfPeaks = run.report().workers().stream().mapToLong(worker -> worker.peakPrivateBytes()).sum();
            assertTrue(run.report().peakSimultaneousPrivateBytes() > 0
                    && run.report().peakSimultaneousPrivateBytes() <= sumOfPeaks,
                    "the workers together at one moment never hold more than the sum of their own peaks: "
                    + run.report().peakSimultaneousPrivateBytes() + " vs " + sumOfPeaks);

            PoolStatus health = pool.healthCheck();
            for (PoolStatus.WorkerStatus worker : health.workers()) {
                assertEquals("READY", worker.state());
                assertTrue(worker.currentPrivateBytes() > 0 && worker.rssBytes() >= worker.currentPrivateBytes(),
                        worker::toString);
                assertTrue(worker.peakPrivateBytes() >= worker.baselinePrivateBytes(), worker::toString);
                assertTrue(worker.tasksDone() > 0, worker::toString);
            }
            assertEquals(143, health.workers().stream().mapToLong(PoolStatus.WorkerStatus::tasksDone).sum());

            // The pool is reusable.
            Run<Integer> second = pool.shardMap(Shards.contiguous(100, 1), context -> context.workerId(),
                    RunOptions.none());
            assertEquals(100, second.results().size());

            pool.close();
            IllegalStateException stopped = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> pool.shardMap(Shards.contiguous(1, 1), context -> 1, RunOptions.none()));
            assertEquals("this pool is stopped: start a new one with Pool.builder()...start()", stopped.getMessage());
        }
    }

    @Test
    void workersReadBorrowedInputsAndWriteOutputBuffers() {
        int items = 10_000;
        try (Segment input = SegmentStore.shared().create(items * 8L, Backing.SHM);
                Segment output = SegmentStore.shared().create(items * 8L, Backing.SHM);
                Pool pool = Pool.builder().workers(2).start()) {
            for (int i = 0; i < items; i++) {
                input.setLong(i * 8L, i * 3L);
            }
            RunOptions options = RunOptions.none()
                    .withInput("x", SegmentArray.Reference.readOnly(input))
                    .withOutput("y", SegmentArray.Reference.readWrite(output));
            Run<Long> run = pool.shardMap(Shards.auto(items, 2), context -> {
                SegmentArray x = context.input("x", SegmentArray.class);
                SegmentArray y = context.output("y", SegmentArray.class);
                context.shard().forEach(i -> y.setLong(i, x.getLong(i) + 1));
                return context.shard().size();
            }, options);
            assertEquals(items, run.results().stream().mapToLong(Long::longValue).sum());
            for (int i = 0; i < items; i++) {
                assertEquals(i * 3L + 1, output.getLong(i * 8L), "item " + i);
            }
            assertFalse(run.report().workers().isEmpty());
        }
    }

    /** A kernel that travels to workers but cannot be read there. */
    static final class UnreadableKernel implements ShardKernel<Integer> {
        @Override
        public Integer run(ShardContext context) {
            return 0;
        }

        private void readObject(java.io.ObjectInputStream in) throws java.io.IOException {
            throw new java.io.InvalidObjectException("this kernel refuses to load");
        }
    }

    @Test
    void bigResultsArriveInPartsAndAKernelWorkersCannotLoadFailsTheRunClearly() {
        try (Pool pool = Pool.builder().workers(1).maxRetries(1).start()) {
            Run<byte[]> big = pool.shardMap(Shards.contiguous(8, 1), context -> {
                byte[] result = new byte[5 * 1024 * 1024];
                java.util.Arrays.fill(result, (byte) context.shard().id());
                return result;
            }, RunOptions.none());
            assertEquals(8, big.results().size());
            for (int shard = 0; shard < 8; shard++) {
                assertEquals(shard, big.results().get(shard)[12345]);
            }

            Run<Integer> broken = pool.shardMap(Shards.contiguous(3, 1), new UnreadableKernel(), RunOptions.none());
            assertFalse(broken.succeeded());
            RunFailedException error = org.junit.jupiter.api.Assertions.assertThrows(RunFailedException.class,
                    broken::results);
            assertTrue(error.getMessage().contains("cannot set up the run"), error.getMessage());
            assertTrue(error.getMessage().contains("this kernel refuses to load"), error.getMessage());
            assertEquals(2, broken.failures().getFirst().attempts());

            assertEquals(List.of(7), pool.poolLapply(List.of(7), i -> i).results(), "the pool still works");
        }
    }
}

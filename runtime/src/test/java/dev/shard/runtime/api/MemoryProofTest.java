package dev.shard.runtime.api;

import dev.shard.runtime.report.RunReport;
import dev.shard.runtime.task.PoolStatus;
import dev.shard.runtime.task.ShardContext;
import dev.shard.runtime.task.Shards;
import dev.shard.runtime.testing.WorkerProcesses;
import dev.shard.storage.layout.ElementType;
import dev.shard.storage.memory.ProcessMemory;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.segment.SegmentStore;
import dev.shard.storage.share.Shared;
import dev.shard.storage.share.SharedDoubleArray;
import dev.shard.storage.share.SharedInput;
import dev.shard.storage.share.SharedWriter;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Memory claims measured from /proc: leaks are recycled away, borrowed inputs cost no private memory. */
@Tag("process")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MemoryProofTest {
    private static final long MIB = 1024 * 1024;

    /** Memory a leaking kernel keeps for the life of its worker. */
    static final List<byte[]> KEPT = new ArrayList<>();

    @AfterEach
    void noSegmentsLeft() {
        assertEquals(List.of(), SegmentStore.shared().owned(), "segments left open");
    }

    @AfterAll
    static void noWorkersLeft() throws InterruptedException {
        assertEquals(List.of(), WorkerProcesses.awaitNone(), "worker processes left running");
    }

    @Test
    void leakingWorkersAreRecycledAndEndTheRunNearTheirBaseline() {
        try (Pool pool = Pool.builder().workers(2).driftThreshold(0.15).memoryLimit(400 * MIB).start()) {
            Run<Integer> run = pool.shardMap(Shards.contiguous(40, 1), context -> {
                byte[] leak = new byte[(int) (3 * MIB)];
                java.util.Arrays.fill(leak, (byte) 1);
                KEPT.add(leak);
                Thread.sleep(10);
                return KEPT.size();
            }, RunOptions.none());

            RunReport report = run.report();
            System.out.println(report.renderText());
            assertTrue(run.succeeded(), report::renderText);
            assertEquals(40, run.results().size());
            assertFalse(report.recycles().isEmpty(), report::renderText);
            assertTrue(report.recycles().stream().allMatch(r -> Set.of("drift", "limit").contains(r.reason())),
                    report::renderText);
            assertEquals(report.recycles().size(), report.workers().stream().mapToInt(RunReport.WorkerReport::recycles)
                    .sum());
            for (RunReport.WorkerReport worker : report.workers()) {
                assertTrue(worker.baselinePrivateBytes() > 0, report::renderText);
                assertTrue(worker.endPrivateBytes() <= worker.baselinePrivateBytes() * 1.2,
                        "worker " + worker.id() + " ended at " + worker.endPrivateBytes() + " bytes, baseline "
                                + worker.baselinePrivateBytes() + "\n" + report.renderText());
                assertTrue(worker.peakPrivateBytes() > worker.baselinePrivateBytes(), "the leak shows in the peak");
            }
            // Measured by this test, not taken from the report: the pool's workers now.
            long baselines = report.workers().stream().mapToLong(RunReport.WorkerReport::baselinePrivateBytes).sum();
            long now = pool.status().workers().stream()
                    .mapToLong(worker -> ProcessMemory.read(worker.pid()).orElseThrow().privateBytes()).sum();
            assertTrue(now <= baselines * 1.2, "private memory now " + now + ", baselines " + baselines);
        }
    }

    /** Sums its shard of a shared vector of doubles, read in place. */
    static Double sum(ShardContext context) {
        SharedDoubleArray values = context.input("values", SharedDoubleArray.class);
        double total = 0;
        for (long i = context.shard().start(); i < context.shard().end(); i++) {
            total += values.get(i);
        }
        return total;
    }

    @Test
    void workersReadingAOneGibInputGrowTheirPrivateMemoryByLessThanFivePercentOfIt() throws Exception {
        long count = (1L << 30) / Double.BYTES;
        try (SharedInput warmUp = Shared.share(new double[(int) MIB], Backing.SHM);
                SharedInput input = oneGibOfDoubles(count);
                Pool pool = Pool.builder().workers(2).start()) {
            // Load and compile the kernel first: what we measure is the cost of the input, not of class loading.
            pool.shardMap(Shards.auto(MIB, 2), MemoryProofTest::sum,
                    RunOptions.none().withInput("values", warmUp.handle()));
            Map<Long, Long> before = new HashMap<>();
            for (PoolStatus.WorkerStatus worker : pool.status().workers()) {
                before.put(worker.pid(), ProcessMemory.read(worker.pid()).orElseThrow().privateBytes());
            }
            Map<Long, Long> peaks = new HashMap<>(before);
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    before.keySet().forEach(pid -> ProcessMemory.read(pid)
                            .ifPresent(m -> peaks.merge(pid, m.privateBytes(), Math::max)));
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            Run<Double> run = pool.shardMap(Shards.auto(count, 2), MemoryProofTest::sum,
                    RunOptions.none().withInput("values", input.handle()));
            sampler.interrupt();
            sampler.join();

            double expected = 0;
            long fullCycles = count / 1000;
            expected += fullCycles * (999.0 * 1000 / 2);
            for (long rest = fullCycles * 1000; rest < count; rest++) {
                expected += rest % 1000;
            }
            // Integers below 1000, about 2^37 in total: every partial sum is exact in a double.
            assertEquals(expected, run.results().stream().mapToDouble(Double::doubleValue).sum());
            long growth = 0;
            for (long pid : before.keySet()) {
                growth += peaks.get(pid) - before.get(pid);
            }
            RunReport report = run.report();
            System.out.println("private growth measured from /proc: " + growth + " bytes\n" + report.renderText());
            assertTrue(growth < 0.05 * (1L << 30), "private memory grew by " + growth + " bytes");
            assertTrue(report.sharedBytes() > (1L << 30) / 3, "shared pages show in the report\n" + report.renderText());
            long reportedGrowth = report.workers().stream()
                    .mapToLong(worker -> worker.peakPrivateBytes() - before.get(worker.pid())).sum();
            assertTrue(reportedGrowth < 0.05 * (1L << 30), report.renderText());
        }
    }

    private static SharedInput oneGibOfDoubles(long count) {
        try (SharedWriter writer = Shared.allocate(ElementType.DOUBLE, count, Backing.SHM)) {
            MemorySegment memory = writer.memory();
            for (long i = 0; i < count; i++) {
                memory.setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i, i % 1000);
            }
            return writer.publish();
        }
    }

    @Test
    void seededRandomResultsAreIdenticalForOneTwoAndThreeWorkers() {
        List<List<Double>> outcomes = new ArrayList<>();
        for (int workers = 1; workers <= 3; workers++) {
            try (Pool pool = Pool.builder().workers(workers).start()) {
                Run<Double> run = pool.shardMap(Shards.contiguous(300, 1), context -> {
                    double sum = 0;
                    for (int i = 0; i < 1_000; i++) {
                        sum += context.random().nextGaussian();
                    }
                    return sum;
                }, RunOptions.none().withSeed(2026));
                outcomes.add(run.results());
            }
        }
        assertEquals(outcomes.get(0), outcomes.get(1), "1 vs 2 workers");
        assertEquals(outcomes.get(0), outcomes.get(2), "1 vs 3 workers");
        assertEquals(300, new java.util.HashSet<>(outcomes.getFirst()).size(), "every shard has its own stream");
    }
}

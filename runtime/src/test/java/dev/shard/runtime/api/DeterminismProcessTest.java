package dev.shard.runtime.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.report.RunReport;
import dev.shard.runtime.task.ShardContext;
import dev.shard.runtime.task.Shards;
import dev.shard.runtime.testing.WorkerProcesses;
import dev.shard.storage.buffer.BufferSpec;
import dev.shard.storage.buffer.OutputBuffer;
import dev.shard.storage.layout.ElementType;
import dev.shard.storage.segment.SegmentStore;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a run writes and folds is a function of the data, the layout and the seed only: output
 * buffers and {@code reduce} are identical bit for bit for 1, 2 and 3 workers, and with workers
 * recycled for a memory leak in the middle of the run.
 */
@Tag("process")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DeterminismProcessTest {
    private static final long ITEMS = 20_000;
    private static final long MIB = 1024 * 1024;
    private static final String LEAK_PROPERTY = "shard.test.leakMiB";
    /** Held by the worker's kernel when it leaks on purpose; never freed until the process ends. */
    static final List<byte[]> LEAKED = new ArrayList<>();

    /** One run's visible outcome: the output buffer's bytes and the reduced value's bits. */
    private record Outcome(byte[] output, long reducedBits, RunReport report) {
    }

    @AfterAll
    static void nothingLeft() throws InterruptedException {
        assertEquals(List.of(), SegmentStore.shared().owned(), "segments left open");
        assertEquals(List.of(), WorkerProcesses.awaitNone(), "worker processes left running");
    }

    @Test
    void outputBuffersAndReduceAreIdenticalForOneTwoAndThreeWorkers() {
        List<Outcome> outcomes = new ArrayList<>();
        for (int workers = 1; workers <= 3; workers++) {
            try (Pool pool = Pool.builder().workers(workers).start()) {
                outcomes.add(run(pool));
            }
        }
        for (int workers = 2; workers <= 3; workers++) {
            Outcome other = outcomes.get(workers - 1);
            assertArrayEquals(outcomes.getFirst().output(), other.output(), "output buffer, 1 vs " + workers + " workers");
            assertEquals(outcomes.getFirst().reducedBits(), other.reducedBits(), "reduce, 1 vs " + workers + " workers");
        }
        assertFalse(Arrays.equals(new byte[outcomes.getFirst().output().length], outcomes.getFirst().output()),
                "the kernel wrote the buffer");
    }

    @Test
    void workersRecycledForAMemoryLeakGiveTheResultsOfACleanRun() {
        Outcome clean;
        try (Pool pool = Pool.builder().workers(2).start()) {
            clean = run(pool);
        }
        assertEquals(List.of(), clean.report().recycles(), clean.report().renderText());
        Outcome recycled;
        try (Pool pool = Pool.builder().workers(2).memoryLimit(160 * MIB)
                .workerJvmOptions(List.of("-D" + LEAK_PROPERTY + "=24", "-Xmx1g")).start()) {
            recycled = run(pool);
        }
        RunReport report = recycled.report();
        assertTrue(report.recycles().size() >= 2, "expected recycles for the leak:\n" + report.renderText());
        assertTrue(report.recycles().stream().allMatch(recycle -> recycle.reason().equals("limit")),
                report.renderText());
        assertArrayEquals(clean.output(), recycled.output(), "output buffer, clean vs recycled");
        assertEquals(clean.reducedBits(), recycled.reducedBits(), "reduce, clean vs recycled");
    }

    private static Outcome run(Pool pool) {
        try (OutputBuffer output = OutputBuffer.create(BufferSpec.vector(ElementType.DOUBLE, ITEMS))) {
            ReduceRun<Double> run = pool.reduce(Shards.contiguous(ITEMS, 499), DeterminismProcessTest::fill,
                    Double::sum, 0.0, RunOptions.none().withOutput("y", output.reference()).withSeed(7));
            assertTrue(run.succeeded(), () -> run.report().renderText());
            return new Outcome(output.data().toArray(ValueLayout.JAVA_BYTE),
                    Double.doubleToRawLongBits(run.result()), run.report());
        }
    }

    /** Writes a random, item-dependent value per item and returns the shard's floating-point sum. */
    private static double fill(ShardContext context) {
        leakIfAsked();
        OutputBuffer out = context.output("y", OutputBuffer.class);
        double sum = 0;
        for (long item = context.shard().start(); item < context.shard().end(); item++) {
            double value = Math.sin(item) * context.random().nextGaussian() / 3.0;
            out.setDouble(item, value);
            sum += value;
        }
        return sum;
    }

    private static void leakIfAsked() {
        long mebibytes = Long.getLong(LEAK_PROPERTY, 0);
        if (mebibytes > 0) {
            byte[] block = new byte[(int) (mebibytes * MIB)];
            Arrays.fill(block, (byte) 1);
            LEAKED.add(block);
        }
    }
}

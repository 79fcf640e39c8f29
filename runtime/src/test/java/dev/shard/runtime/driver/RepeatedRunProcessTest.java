package dev.shard.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.protocol.ValueCodec;
import dev.shard.runtime.task.RunDescriptor;
import dev.shard.runtime.task.ShardKernel;
import dev.shard.runtime.task.Shards;
import dev.shard.runtime.testing.WorkerProcesses;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A pool sizes a repeated run's first batches by what the same run measured last time, and only that run's. */
@Tag("process")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RepeatedRunProcessTest {

    @AfterAll
    static void noWorkersLeft() throws InterruptedException {
        assertEquals(List.of(), WorkerProcesses.awaitNone(), "worker processes left running");
    }

    @Test
    void theSameRunAgainStartsWithTheMeasuredShardTimeAndAnotherWithProbes() {
        PoolContext context = new PoolContext(2, 0, 0, 0, 0, Duration.ZERO, 3, null, List.of(),
                Duration.ofSeconds(30), null);
        Shards shards = Shards.contiguous(2_000, 1);
        byte[] descriptor = descriptor(shards, 7);
        try (DriverConductor conductor = DriverConductor.start(context)) {
            RunOutcome first = RunDriver.execute(conductor, descriptor, shards.count(), id -> 1);
            assertNull(first.runError());
            synchronized (conductor) {
                RunConductor again = conductor.beginRun(descriptor(shards, 7), shards.count());
                assertTrue(again.sizing().meanShardNanos() > 0, "the same bytes again start from the measured time");
                assertTrue(again.sizing().next(shards.count(), 2) > BatchSizing.PROBE_BATCH, "no probe first");
                conductor.endRun(again);
                RunConductor other = conductor.beginRun(descriptor(shards, 8), shards.count());
                assertEquals(-1, other.sizing().meanShardNanos(), "another seed is another run");
                conductor.endRun(other);
            }
        }
    }

    private static byte[] descriptor(Shards shards, long seed) {
        ShardKernel<Long> kernel = context -> context.shard().start();
        return ValueCodec.encode(new RunDescriptor(kernel, shards, Map.of(), Map.of(), seed));
    }
}

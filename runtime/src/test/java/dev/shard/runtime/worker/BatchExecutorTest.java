package dev.shard.runtime.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.protocol.Message;
import dev.shard.runtime.protocol.PackedOutcomes;
import dev.shard.runtime.protocol.ValueCodec;
import dev.shard.runtime.task.RunDescriptor;
import dev.shard.runtime.task.ShardContext;
import dev.shard.runtime.task.ShardKernel;
import dev.shard.runtime.task.ShardRandom;
import dev.shard.runtime.task.Shards;
import java.io.Serial;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A batch run in process, as a worker runs it: one clock reading per shard must still give
 * each shard its own time (a part's sending and a slow result's encoding go to the right
 * place), and the context a kernel sees is its own shard's.
 */
class BatchExecutorTest {
    private static final long SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(3);

    @Test
    void eachShardIsTimedOnItsOwnAndSeesItsOwnContext() {
        List<Message.ShardOutcome> outcomes = run(new SleepingKernel(false), Shards.contiguous(40, 4), 0, 10);
        assertEquals(10, outcomes.size());
        for (int index = 0; index < outcomes.size(); index++) {
            Message.ShardOutcome outcome = outcomes.get(index);
            assertEquals(index, outcome.shardId());
            assertTrue(outcome.succeeded(), outcome.error());
            assertTrue(outcome.nanos() >= SLEEP_NANOS, "shard " + index + " took " + outcome.nanos() + " ns");
            // The shard's items, its random stream and its attempt, as the kernel saw them.
            long[] seen = (long[]) ValueCodec.decode(outcome.result());
            assertEquals(index * 4L, seen[0]);
            assertEquals(ShardRandom.of(7, index).nextLong(), seen[1]);
            assertEquals(1, seen[2]);
        }
    }

    @Test
    void numbersAndSerializedResultsAlternatingKeepEachShardsTime() {
        // Even shards sleep and return a number (written in place, no clock reading of its
        // own); odd shards return a serialized long[] at once (its encoding is timed apart).
        List<Message.ShardOutcome> outcomes = run(new SleepingKernel(true), Shards.contiguous(12, 1), 0, 12);
        assertEquals(12, outcomes.size());
        for (Message.ShardOutcome outcome : outcomes) {
            Object value = ValueCodec.decode(outcome.result());
            if (outcome.shardId() % 2 == 0) {
                assertEquals(outcome.shardId(), value);
                assertTrue(outcome.nanos() >= SLEEP_NANOS, "shard " + outcome.shardId() + ": " + outcome.nanos());
            } else {
                assertEquals(4096, ((long[]) value).length);
                assertTrue(outcome.nanos() > 0, "shard " + outcome.shardId() + ": " + outcome.nanos());
            }
        }
    }

    private static List<Message.ShardOutcome> run(ShardKernel<?> kernel, Shards shards, int first, int count) {
        RunDescriptor descriptor = new RunDescriptor(kernel, shards, Map.of(), Map.of(), 7);
        List<Message.ShardOutcome> received = new ArrayList<>();
        TimeoutWatchdog watchdog = new TimeoutWatchdog((shard, attempt, millis) -> {
            throw new AssertionError("shard " + shard + " timed out after " + millis + " ms");
        });
        watchdog.configure(TimeUnit.MINUTES.toMillis(1));
        try (OpenedReferences opened = new OpenedReferences();
                RunResources resources = new RunResources(descriptor, opened)) {
            new BatchExecutor(0, watchdog).execute(new Message.TaskBatch(1, first, count, 1), descriptor, resources,
                    null, new MemoryGuard(), (complete, outcomes, unclaimed) -> {
                        assertEquals(0, unclaimed);
                        if (outcomes instanceof PackedOutcomes packed) {
                            assertNotNull(packed.bytes());
                        }
                        received.addAll(outcomes);
                    });
        }
        return received;
    }

    /** Sleeps a few ms and returns what it saw; with {@code alternate}, odd shards return a long[] at once. */
    private record SleepingKernel(boolean alternate) implements ShardKernel<java.io.Serializable> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public java.io.Serializable run(ShardContext context) throws Exception {
            assertSame(context.shard(), context.shard(), "one Shard per task, however often it is asked for");
            if (alternate && context.shard().id() % 2 == 1) {
                return new long[4096];
            }
            TimeUnit.NANOSECONDS.sleep(SLEEP_NANOS);
            if (alternate) {
                return context.shard().id();
            }
            return new long[] {context.shard().start(), context.random().nextLong(), context.attempt()};
        }
    }
}

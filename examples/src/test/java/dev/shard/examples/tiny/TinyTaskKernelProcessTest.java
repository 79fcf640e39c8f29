package dev.shard.examples.tiny;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.examples.ProgramOutput;
import dev.shard.examples.workload.TinyTasksWorkload;
import dev.shard.runtime.api.Pool;
import dev.shard.runtime.api.Run;
import dev.shard.runtime.api.RunOptions;
import dev.shard.runtime.task.Shards;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The tiny-task kernel walks a range shard with a plain loop and any other shard through
 * its items: every layout writes every task's value once and returns the sum it wrote.
 */
@Tag("process")
@Timeout(120)
class TinyTaskKernelProcessTest {
    private static final int TASKS = 1_000;

    @AfterEach
    void noWorkerIsLeft() throws Exception {
        ProgramOutput.awaitNoChildren(Duration.ofSeconds(20));
    }

    @Test
    void everyShardLayoutWritesEveryTaskOnce() {
        long[] odd = new long[TASKS / 2];
        long[] even = new long[TASKS / 2];
        for (int i = 0; i < TASKS / 2; i++) {
            odd[i] = 2L * i + 1;
            even[i] = 2L * i;
        }
        Shards[] layouts = {Shards.contiguous(TASKS, 1), Shards.contiguous(TASKS, 7), Shards.strided(TASKS, 3),
            Shards.indices(odd, even)};
        try (Pool pool = Pool.builder().workers(1).start(); TinyTasksBuffer buffer = TinyTasksBuffer.create(TASKS)) {
            for (Shards layout : layouts) {
                buffer.clear();
                Run<Long> run = pool.shardMap(layout, new TinyTaskKernel(0, 0),
                        RunOptions.none().withOutput(TinyTaskKernel.VALUES, buffer.reference()));
                assertTrue(run.succeeded(), layout + ": " + run.failures());
                assertEquals(-1, buffer.firstMissingTask(), layout + ": a task did not write its slot");
                assertEquals(TinyTasksWorkload.referenceChecksum(TASKS), buffer.checksum(), layout.toString());
                assertEquals(TinyTasksWorkload.referenceChecksum(TASKS),
                        run.results().stream().mapToLong(Long::longValue).sum(), layout + ": the sums returned");
            }
        }
    }
}

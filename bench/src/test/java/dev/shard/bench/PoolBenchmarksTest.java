package dev.shard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.api.Pool;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The runtime harness's tiny-task and round-trip measurements on real workers: each run is
 * checked (returned values decoded and summed, the shared buffer's slots) before it is counted.
 */
class PoolBenchmarksTest {
    @Test
    void tinyTasksAndRoundTripsAreMeasuredOnCheckedRuns() throws Exception {
        try (Pool pool = Pool.builder().workers(2).start()) {
            Samples tiny = PoolBenchmarks.tinyTaskThroughput(pool, 2_000, 2);
            assertEquals(2, tiny.values().length, tiny.tableRow());
            assertTrue(tiny.median() > 0, tiny.tableRow());
            List<Samples> roundTrip = PoolBenchmarks.roundTrip(pool, 20, 2);
            assertEquals(2, roundTrip.size());
            assertTrue(roundTrip.getFirst().median() > 0, roundTrip.getFirst().tableRow());
        }
    }
}

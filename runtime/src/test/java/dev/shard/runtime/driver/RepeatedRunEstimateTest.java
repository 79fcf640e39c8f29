package dev.shard.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A run's measured shard time starts the same run's next batches; any other run starts with probes. */
class RepeatedRunEstimateTest {

    @Test
    void theSameRunAgainStartsFromTheLastMeasurement() {
        RepeatedRunEstimate estimate = new RepeatedRunEstimate();
        byte[] descriptor = {1, 2, 3, 4};
        assertEquals(-1, estimate.begin(descriptor), "nothing ran yet");
        estimate.ended(250.0);
        assertEquals(250.0, estimate.begin(descriptor.clone()));
    }

    @Test
    void anotherRunOrOneThatMeasuredNothingStartsWithProbes() {
        RepeatedRunEstimate estimate = new RepeatedRunEstimate();
        estimate.begin(new byte[] {1, 2, 3, 4});
        estimate.ended(250.0);
        assertEquals(-1, estimate.begin(new byte[] {1, 2, 3, 5}), "other bytes");
        estimate.ended(250.0);
        assertEquals(-1, estimate.begin(new byte[] {1, 2, 3}), "another length");
        estimate.ended(-1);
        assertEquals(-1, estimate.begin(new byte[] {1, 2, 3}), "a run that reported no shard time");
    }

    @Test
    void aLargeDescriptorIsNotHashed() {
        RepeatedRunEstimate estimate = new RepeatedRunEstimate();
        byte[] large = new byte[RepeatedRunEstimate.MAX_HASHED_BYTES + 1];
        estimate.begin(large);
        estimate.ended(250.0);
        assertEquals(-1, estimate.begin(large), "the same large descriptor again still starts with probes");
    }

    @Test
    void aSeededSizingSkipsTheProbesAndStillFollowsSlowerShards() {
        BatchSizing probing = new BatchSizing(10_000);
        assertEquals(BatchSizing.PROBE_BATCH, probing.next(10_000, 2));
        BatchSizing seeded = new BatchSizing(10_000, 300.0);
        assertEquals(1_250, seeded.next(10_000, 2), "the guided share at once");
        // Shards now take 2 ms: two reported parts bring the batches near the time bound (12 shards of 2 ms).
        seeded.measured(0, 4, 4 * 2_000_000L, 2_000_000L);
        seeded.measured(16, 16 * 2_000_000L);
        int next = seeded.next(10_000, 2);
        assertTrue(next <= 30, "batches bounded by time again: " + next);
    }
}

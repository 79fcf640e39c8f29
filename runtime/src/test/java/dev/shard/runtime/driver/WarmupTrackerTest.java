package dev.shard.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.shard.runtime.protocol.PackedOutcomes;
import dev.shard.runtime.protocol.ValueCodec;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WarmupTrackerTest {
    private static final long MILLI = 1_000_000;

    /** A batch of {@code count} shards from {@code first}, each taking {@code nanos}. */
    private static PackedOutcomes batch(int first, int count, long nanos) {
        PackedOutcomes.Builder builder = new PackedOutcomes.Builder(first, 1);
        for (int i = 0; i < count; i++) {
            builder.add(ValueCodec.encode((long) i), nanos);
        }
        return builder.build();
    }

    private static void report(WarmupTracker tracker, int workerId, PackedOutcomes batch, ShardLedger ledger) {
        ledger.succeedAll(batch);
        tracker.reported(workerId, batch.firstShard(), batch.size(), batch.totalNanos(), batch::nanos, ledger);
    }

    /** Shards whose time counts as steady (outside warm-up): every done shard is slower than 0 ns. */
    private static int[] steady(ShardLedger ledger) {
        return ledger.steadyShardsSlowerThan(0);
    }

    @Test
    void aWorkersShardsStayInWarmUpUntilBothItsShardCountAndItsTimeArePassed() {
        ShardLedger ledger = new ShardLedger(40);
        ledger.takeFresh(40);
        WarmupTracker tracker = new WarmupTracker();
        // 20 shards of 1 ms: past 16 shards but not 200 ms, so all are warm-up, marked as one range.
        report(tracker, 7, batch(0, 20, MILLI), ledger);
        // 20 shards of 50 ms: 170 ms were seen before shard 23 and 220 ms before shard 24.
        report(tracker, 7, batch(20, 20, 50 * MILLI), ledger);
        assertArrayEquals(IntStream.range(24, 40).toArray(), steady(ledger));
    }

    @Test
    void aWarmWorkersBatchMarksNothingAndAnotherWorkerWarmsUpOnItsOwn() {
        ShardLedger ledger = new ShardLedger(60);
        ledger.takeFresh(60);
        WarmupTracker tracker = new WarmupTracker();
        report(tracker, 1, batch(0, 20, 20 * MILLI), ledger);
        report(tracker, 1, batch(20, 20, MILLI), ledger);
        report(tracker, 2, batch(40, 20, MILLI), ledger);
        assertArrayEquals(IntStream.range(16, 40).toArray(), steady(ledger),
                "worker 1 is warm after its 16th shard (320 ms); worker 2's shards are all its warm-up");
    }
}

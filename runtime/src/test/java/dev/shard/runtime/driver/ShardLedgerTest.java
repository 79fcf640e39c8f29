package dev.shard.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.protocol.PackedOutcomes;
import dev.shard.runtime.protocol.ValueCodec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardLedgerTest {

    private static PackedOutcomes pack(int first, int attempt, long... values) {
        PackedOutcomes.Builder builder = new PackedOutcomes.Builder(first, attempt);
        for (long value : values) {
            builder.add(ValueCodec.encode(value), value * 10);
        }
        return builder.build();
    }

    @Test
    void aPackedBatchMarksItsShardsDoneAndKeepsTheirValues() {
        ShardLedger ledger = new ShardLedger(6);
        ledger.takeFresh(6);
        assertEquals(3, ledger.succeedAll(pack(2, 1, 20, 30, 40)));
        assertEquals(3, ledger.done());
        for (int shard = 2; shard < 5; shard++) {
            assertEquals(ShardLedger.DONE, ledger.state(shard));
            assertEquals(shard * 10L, ledger.value(shard));
        }
        assertNull(ledger.value(0), "a shard without a result has no value");
        assertArrayEquals(new long[] {200, 300, 400}, ledger.nanosOfDone());
    }

    @Test
    void aRetriedShardInsideABatchWinsOnce() {
        ShardLedger ledger = new ShardLedger(4);
        ledger.takeFresh(4);
        // Shard 1's first attempt was presumed lost; its retry succeeded before the batch came back.
        assertTrue(ledger.attemptLost(1, 3));
        assertTrue(ledger.hasRetry());
        assertEquals(1, ledger.takeRetry());
        assertTrue(ledger.succeed(1, ValueCodec.encode(-1L), 5));

        assertEquals(3, ledger.succeedAll(pack(0, 1, 0, 1, 2, 3)), "the duplicate of shard 1 is dropped");
        assertEquals(4, ledger.done());
        assertTrue(ledger.allDone());
        assertEquals(-1L, ledger.value(1), "the first success stays");
        assertEquals(3L, ledger.value(3));
        assertEquals(0, ledger.succeedAll(pack(0, 2, 9, 9, 9, 9)), "a whole duplicate batch takes nothing");
        assertEquals(0L, ledger.value(0));
    }

    @Test
    void aLateSuccessClearsAShardThatFailedForGood() {
        ShardLedger ledger = new ShardLedger(2);
        ledger.takeFresh(2);
        assertFalse(ledger.attemptLost(0, 1));
        assertEquals(1, ledger.failed());
        assertEquals(2, ledger.succeedAll(pack(0, 1, 7, 8)));
        assertEquals(0, ledger.failed());
        assertEquals(7L, ledger.value(0));
    }

    @Test
    void lazyResultsDecodeToTheSameValuesInShardOrder() {
        ShardLedger ledger = new ShardLedger(5);
        ledger.takeFresh(5);
        ledger.succeedAll(pack(0, 1, 10, 11));
        assertTrue(ledger.succeed(2, ValueCodec.encode("two"), 1));
        ledger.succeedAll(pack(3, 1, 13));
        List<Serializable> eager = new ArrayList<>();
        for (int shard = 0; shard < 5; shard++) {
            eager.add(ledger.value(shard));
        }
        LazyResults lazy = new LazyResults(ledger);
        assertEquals(5, lazy.size());
        assertEquals(Arrays.asList(10L, 11L, "two", 13L, null), lazy);
        assertEquals(eager, lazy);
        assertThrows(IndexOutOfBoundsException.class, () -> lazy.get(5));
    }

    @Test
    void largeResultsAreDecodedOnceEachInShardOrderWhileTheCallerReadsThem() throws Exception {
        int shards = 12;
        ShardLedger ledger = new ShardLedger(shards);
        ledger.takeFresh(shards);
        for (int shard = 0; shard < shards; shard++) {
            long[] values = new long[64 * 1024];
            Arrays.fill(values, shard);
            assertTrue(ledger.succeed(shard, ValueCodec.encode(values), 1));
        }
        assertTrue(ledger.resultBytes() >= LazyResults.SPREAD_BYTES, "large enough to be decoded by two threads");
        LazyResults lazy = new LazyResults(ledger);
        // Read from the end first: the caller decodes what the helper has not reached.
        for (int shard = shards - 1; shard >= 0; shard--) {
            long[] values = (long[]) lazy.get(shard);
            assertEquals(64 * 1024, values.length);
            assertEquals(shard, values[values.length - 1]);
            assertTrue(values == lazy.get(shard), "decoded once: the same instance every time");
        }
        assertThrows(IndexOutOfBoundsException.class, () -> lazy.get(shards));
    }

    @Test
    void manySmallResultsAboveTheSpreadSizeAreDecodedAtOnceOnTheCallersThread() {
        int shards = 100_000;
        ShardLedger ledger = new ShardLedger(shards);
        ledger.takeFresh(shards);
        for (int shard = 0; shard < shards; shard++) {
            assertTrue(ledger.succeed(shard, ValueCodec.encode((long) shard * 3), 1));
        }
        assertTrue(ledger.resultBytes() >= LazyResults.SPREAD_BYTES, "over the size that would spread them");
        LazyResults lazy = new LazyResults(ledger);
        long decoderThreadsBefore = decoderThreads();
        assertEquals((shards - 1) * 3L, lazy.get(shards - 1));
        assertTrue(decoderThreads() <= decoderThreadsBefore, "no helper thread for values this small");
        for (int shard = 0; shard < shards; shard++) {
            assertEquals(shard * 3L, lazy.get(shard));
        }
    }

    private static long decoderThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("shard-results-decoder")).count();
    }

    @Test
    void aLargeResultThatCannotBeDecodedFailsOnlyItsOwnShard() {
        ShardLedger ledger = new ShardLedger(3);
        ledger.takeFresh(3);
        assertTrue(ledger.succeed(0, ValueCodec.encode(new long[64 * 1024]), 1));
        assertTrue(ledger.succeed(1, new byte[] {1, 2, 3}, 1));
        assertTrue(ledger.succeed(2, ValueCodec.encode(new long[64 * 1024]), 1));
        LazyResults lazy = new LazyResults(ledger);
        assertEquals(64 * 1024, ((long[]) lazy.get(2)).length);
        RuntimeException first = assertThrows(RuntimeException.class, () -> lazy.get(1));
        assertEquals(first.getMessage(), assertThrows(RuntimeException.class, () -> lazy.get(1)).getMessage());
        assertEquals(64 * 1024, ((long[]) lazy.get(0)).length);
    }

    @Test
    void resultsForShardsOutsideTheRunAreRefused() {
        ShardLedger ledger = new ShardLedger(3);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ledger.succeedAll(pack(2, 1, 1, 2)));
        assertEquals("results for shards 2..3 but the run has 3", error.getMessage());
    }
}

package dev.shard.runtime.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShardRandomTest {

    @Test
    void aShardsStreamDependsOnlyOnSeedAndShardId() {
        assertEquals(ShardRandom.of(42, 7).nextLong(), ShardRandom.of(42, 7).nextLong());
        assertNotEquals(ShardRandom.of(42, 7).nextLong(), ShardRandom.of(42, 8).nextLong());
        assertNotEquals(ShardRandom.of(42, 7).nextLong(), ShardRandom.of(43, 7).nextLong());
    }

    @Test
    void neighbouringShardsGetDistinctStreams() {
        Set<Long> firsts = new HashSet<>();
        for (int shard = 0; shard < 100_000; shard++) {
            firsts.add(ShardRandom.of(0, shard).nextLong());
        }
        assertEquals(100_000, firsts.size());
    }
}

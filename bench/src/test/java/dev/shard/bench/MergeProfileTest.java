package dev.shard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-process merge profile runs W2's stage kernel, encodes, decodes and merges every block. */
class MergeProfileTest {
    @Test
    void everyBlockIsEncodedDecodedAndMerged() {
        // 200,000 rows are 4 blocks of 65,536 (the last one short), each seeing all 1,000 keys.
        List<MergeProfile.Round> rounds = MergeProfile.run(2, 200_000);
        assertEquals(2, rounds.size());
        for (MergeProfile.Round round : rounds) {
            assertEquals(4, round.blocks(), round.toString());
            assertEquals(1000, round.groups(), round.toString());
            assertTrue(round.bytes() > 4 * 1000 * 8 && round.kernelNanos() > 0 && round.mergeNanos() > 0,
                    round.toString());
        }
    }
}

package dev.shard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-process stage profile runs both workloads' real stage kernels and counts their blocks. */
class StageProfileTest {
    @Test
    void bothWorkloadsRunEveryBlockInProcess() throws Exception {
        // 200,000 rows are 4 blocks of 65,536 (the last one short): one partial each.
        for (String workload : new String[] {"w2", "w3"}) {
            List<StageProfile.Round> rounds = StageProfile.run(workload, 2, 200_000);
            assertEquals(2, rounds.size(), workload);
            for (StageProfile.Round round : rounds) {
                assertEquals(4, round.partials(), workload);
                assertTrue(round.wallNanos() > 0 && round.cpuNanos() > 0, workload + ": " + round);
            }
        }
    }

    @Test
    void anArrowFileGivesTheSamePartialsAsTheGenerator() throws Exception {
        // Same rows, same blocks, so the same partials to the bit, whichever source they came from.
        for (String workload : new String[] {"w2", "w3"}) {
            StageProfile.Round generated = StageProfile.run(workload, 1, 200_000).getFirst();
            List<StageProfile.Round> scanned = StageProfile.run(workload + "-arrow", 2, 200_000);
            for (StageProfile.Round round : scanned) {
                assertEquals(4, round.partials(), workload);
                assertEquals(generated.partialsCrc(), round.partialsCrc(), workload);
            }
        }
    }

    @Test
    void anUnknownWorkloadIsRefusedByName() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> StageProfile.run("w9", 1, 1_000));
        assertEquals("workload must be w2 or w3 (with -arrow: from an Arrow file), got 'w9'", error.getMessage());
    }
}

package dev.shard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The sequential read is judged busy from its own rounds, not from a machine's rate: a quiet
 * slow machine passes, a read whose thread lost its core or whose rounds disagree does not.
 */
class ReadSteadinessTest {
    @Test
    void aQuietMachineIsNotFlaggedWhateverItsRate() {
        // The AMD machine's quiet rounds (6.7-7.1 GB/s), the Intel one's (8.8-9.2), a slower machine's.
        for (double scale : new double[] {1.0, 9.0 / 6.9, 0.3}) {
            double[] rates = {6.7 * scale, 6.9 * scale, 7.1 * scale, 6.85 * scale, 6.95 * scale};
            ReadSteadiness read = ReadSteadiness.of(rates, new double[] {0.99, 0.98, 1.0, 0.99, 0.97});
            assertEquals(false, read.disturbed(), read.describe());
        }
    }

    @Test
    void aReadThatLostItsCoreIsFlagged() {
        double[] rates = {6.0, 6.1, 6.2, 6.0, 6.1};
        ReadSteadiness read = ReadSteadiness.of(rates, new double[] {0.80, 0.85, 0.95, 0.70, 0.88});
        assertTrue(read.disturbed(), read.describe());
        assertEquals(0.85, read.cpuShare(), 1e-12);
        assertTrue(read.describe().endsWith("the machine was busy during the read"), read.describe());
    }

    @Test
    void roundsThatDisagreeAreFlagged() {
        // Seen at load 13-21: 0.70-1.07 GB/s.
        double[] rates = {0.70, 1.07, 0.81, 0.75, 0.90};
        ReadSteadiness read = ReadSteadiness.of(rates, new double[] {1.0, 1.0, 1.0, 1.0, 1.0});
        assertTrue(read.disturbed(), read.describe());
        assertEquals(0.81 / 1.07, read.steadiness(), 1e-12);
    }

    @Test
    void roundsMustComeInPairs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReadSteadiness.of(new double[] {1, 2}, new double[] {1}));
        assertEquals("the read's rounds: 2 rates and 1 CPU shares; expected the same number, at least one",
                e.getMessage());
    }
}

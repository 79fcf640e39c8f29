package dev.shard.examples.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReferenceGeneratorTest {
    @Test
    void splitMixOfZeroMatchesTheDocumentedVector() {
        assertEquals(0xE220A8397B1DCDAFL, ReferenceGenerator.splitMix(0));
    }

    @Test
    void uniformStreamZeroMatchesTheDocumentedVectors() {
        assertEquals(0.8833108082136426, ReferenceGenerator.uniform(0, 0));
        assertEquals(0.5665615751722809, ReferenceGenerator.uniform(0, 1));
        assertEquals(0.5911897341980794, ReferenceGenerator.uniform(0, 2));
    }

    @Test
    void hashPutsTheStreamInTheHighWord() {
        assertEquals(ReferenceGenerator.splitMix((3L << 32) + 7), ReferenceGenerator.hash(3, 7));
        assertEquals(ReferenceGenerator.splitMix(0), ReferenceGenerator.hash(0, 0));
    }

    @Test
    void keyIsTheTopBitsScaledToTheModulus() {
        for (long i = 0; i < 10_000; i++) {
            int key = ReferenceGenerator.key(1, i, 1000);
            assertTrue(key >= 0 && key < 1000, "key " + key + " out of [0, 1000)");
            // For m < 2^11 the specified integer formula equals floor(U * m) exactly.
            assertEquals((int) Math.floor(ReferenceGenerator.uniform(1, i) * 1000), key);
        }
    }

    @Test
    void rowsAndStreamsOutsideThirtyTwoBitsAreRejected() {
        var error = assertThrows(IllegalArgumentException.class, () -> ReferenceGenerator.hash(0, 1L << 32));
        assertEquals("row must be in [0, 2^32), got 4294967296", error.getMessage());
        error = assertThrows(IllegalArgumentException.class, () -> ReferenceGenerator.uniform(-1, 0));
        assertEquals("stream must be in [0, 2^32), got -1", error.getMessage());
    }
}

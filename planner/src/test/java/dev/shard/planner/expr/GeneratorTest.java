package dev.shard.planner.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class GeneratorTest {
    @Test
    void matchesTheWorkloadTestVectors() {
        assertEquals(0xE220A8397B1DCDAFL, Generator.splitMix(0));
        assertEquals(0.8833108082136426, Generator.uniform(0, 0));
        assertEquals(0.5665615751722809, Generator.uniform(0, 1));
        assertEquals(0.5911897341980794, Generator.uniform(0, 2));
    }

    @Test
    void randomIntIsTheExactFloorOfTheProductForLargeModuli() {
        long[] moduli = {1, 7, 1000, 2047, 2048, 1_000_003, (1L << 32) - 1};
        for (long modulus : moduli) {
            for (long row = 0; row < 2000; row++) {
                BigInteger bits = BigInteger.valueOf(Generator.hash(5, row) >>> 11);
                long expected = bits.multiply(BigInteger.valueOf(modulus)).shiftRight(53).longValueExact();
                assertEquals(expected, Generator.randomInt(modulus, 5, row), "m=" + modulus + " row=" + row);
            }
        }
    }

    @Test
    void uniformOverARangeIsLowPlusWidthTimesU() {
        double u = Generator.uniform(2, 17);
        assertEquals(2 + (80 - 2) * u, Generator.uniform(2, 80, 2, 17));
    }

    @Test
    void normalValuesHaveUnitSpread() {
        double sum = 0;
        double squares = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double z = Generator.normal(9, i);
            assertTrue(Double.isFinite(z));
            sum += z;
            squares += z * z;
        }
        double mean = sum / n;
        assertEquals(0, mean, 0.01);
        assertEquals(1, squares / n - mean * mean, 0.02);
    }

    @Test
    void refusesStreamsAndRowsOutsideTheirRange() {
        assertThrows(IllegalArgumentException.class, () -> Generator.uniform(1L << 32, 0));
        assertThrows(IllegalArgumentException.class, () -> Generator.uniform(0, -1));
        assertThrows(IllegalArgumentException.class, () -> Generator.randomInt(0, 0, 0));
    }
}

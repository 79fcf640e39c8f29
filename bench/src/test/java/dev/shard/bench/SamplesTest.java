package dev.shard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SamplesTest {
    @Test
    void medianSpreadAndRowOfAnOddAndAnEvenSet() {
        Samples odd = new Samples("start", "ms", new double[] {300, 100, 200, 250, 150});
        assertEquals(200, odd.median());
        assertEquals(1.0, odd.spread());
        assertEquals("| start | 200.0 ms | 100.0 | 300.0 | 100.0% | 5 |", odd.tableRow());
        Samples even = new Samples("rate", "tasks/s", new double[] {1_000_000, 3_000_000});
        assertEquals(2_000_000, even.median());
        assertEquals(1_500_000, even.quantile(0.25));
        assertEquals("| rate | 2,000,000 tasks/s | 1,000,000 | 3,000,000 | 100.0% | 2 |", even.tableRow());
    }
}

package dev.shard.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shard.runtime.report.RunReport;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The report's shard-time percentiles, by selection, equal those read from a sorted copy. */
class ShardTimesTest {

    private static RunReport.ShardTimes bySorting(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int p50 = Math.max(0, (int) Math.ceil(0.50 * sorted.length) - 1);
        int p95 = Math.max(0, (int) Math.ceil(0.95 * sorted.length) - 1);
        return new RunReport.ShardTimes(sorted[p50] / 1e9, sorted[p95] / 1e9, sorted[sorted.length - 1] / 1e9);
    }

    @Test
    void percentilesMatchASortForManySizesAndShapes() {
        Random random = new Random(7);
        for (int size : new int[] {1, 2, 3, 4, 5, 19, 20, 21, 100, 1_001, 65_537}) {
            for (int spread : new int[] {1, 3, 1_000, Integer.MAX_VALUE}) {
                long[] nanos = new long[size];
                for (int i = 0; i < size; i++) {
                    nanos[i] = 1 + random.nextInt(spread);
                }
                long[] before = nanos.clone();
                assertEquals(bySorting(nanos), ReportAssembler.shardTimes(nanos), "size " + size + ", spread " + spread);
                assertEquals(Arrays.toString(before), Arrays.toString(nanos), "the ledger's array is left as it was");
            }
        }
    }

    @Test
    void sortedAndReversedInputsAndNoShards() {
        long[] ascending = new long[1_000];
        long[] descending = new long[1_000];
        for (int i = 0; i < 1_000; i++) {
            ascending[i] = i * 10L;
            descending[i] = (1_000 - i) * 10L;
        }
        assertEquals(bySorting(ascending), ReportAssembler.shardTimes(ascending));
        assertEquals(bySorting(descending), ReportAssembler.shardTimes(descending));
        assertEquals(new RunReport.ShardTimes(4_990e-9, 9_490e-9, 9_990e-9), ReportAssembler.shardTimes(ascending));
        assertEquals(new RunReport.ShardTimes(0, 0, 0), ReportAssembler.shardTimes(new long[0]));
    }
}

package dev.shard.examples.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class WorkloadChecksumTest {
    private static final double RELATIVE = 1e-9;

    @Test
    void columnCorrelationChecksumMatchesTheDocumentedValueAtFullSize() {
        double checksum = ColumnCorrelationWorkload.referenceChecksum(10_000, 2_000);
        assertClose(ColumnCorrelationWorkload.DEFAULT_CHECKSUM, checksum);
    }

    @Test
    void columnCorrelationDataInASegmentIsTheGeneratorsData() {
        int rows = 300;
        int columns = 7;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment x = arena.allocate((long) rows * columns * Double.BYTES);
            MemorySegment y = arena.allocate((long) rows * Double.BYTES);
            ColumnCorrelationWorkload.fillColumns(x, rows, 0, columns);
            ColumnCorrelationWorkload.fillY(y, rows);
            for (int j = 0; j < columns; j++) {
                for (int i = 0; i < rows; i++) {
                    double expected = ReferenceGenerator.uniform(j + 1, i) + (j % 5) * 0.25 * ReferenceGenerator.uniform(0, i);
                    assertEquals(expected, x.getAtIndex(ValueLayout.JAVA_DOUBLE, (long) j * rows + i));
                }
            }
            assertEquals(ReferenceGenerator.uniform(0, 123), y.getAtIndex(ValueLayout.JAVA_DOUBLE, 123));
        }
    }

    @Test
    void columnWithZeroWeightIsNearlyUncorrelatedAndFullWeightStronglyCorrelated() {
        int rows = 5_000;
        double[] y = new double[rows];
        double[] independent = new double[rows];
        double[] weighted = new double[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = ColumnCorrelationWorkload.y(i);
            independent[i] = ColumnCorrelationWorkload.x(i, 0);
            weighted[i] = ColumnCorrelationWorkload.x(i, 4);
        }
        assertEquals(0, ColumnCorrelationWorkload.pearson(independent, y), 0.05);
        // w = 1: X = U + y, both uniform, so the correlation is 1/sqrt(2).
        assertEquals(1 / Math.sqrt(2), ColumnCorrelationWorkload.pearson(weighted, y), 0.02);
    }

    @Test
    void groupAggregateChecksumDoesNotDependOnChunkingOrMergeOrder() {
        long rows = 600_000;
        double sequential = GroupAggregateWorkload.referenceChecksum(rows);
        GroupAggregateWorkload.Groups merged = new GroupAggregateWorkload.Groups(GroupAggregateWorkload.KEYS);
        long chunk = 70_001;
        for (long start = (rows - 1) / chunk * chunk; start >= 0; start -= chunk) {
            merged.merge(GroupAggregateWorkload.aggregate(start, Math.min(rows, start + chunk)));
        }
        assertClose(sequential, merged.checksum());
        long total = 0;
        for (int k = 0; k < GroupAggregateWorkload.KEYS; k++) {
            total += merged.count(k);
        }
        assertEquals(rows, total);
    }

    @Test
    void groupAggregateDataInSegmentsIsTheGeneratorsData() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment keys = arena.allocate(100 * Integer.BYTES);
            MemorySegment values = arena.allocate(100 * Double.BYTES);
            GroupAggregateWorkload.fill(keys, values, 1_000, 1_100);
            assertEquals(ReferenceGenerator.key(1, 1_042, 1000), keys.getAtIndex(ValueLayout.JAVA_INT, 42));
            assertEquals(ReferenceGenerator.uniform(2, 1_042), values.getAtIndex(ValueLayout.JAVA_DOUBLE, 42));
        }
    }

    @Test
    void filterDeriveAggregateChecksumDoesNotDependOnChunking() {
        long rows = 600_000;
        double sequential = FilterDeriveAggregateWorkload.referenceChecksum(rows);
        double[] sums = new double[FilterDeriveAggregateWorkload.KEYS];
        long[] counts = new long[FilterDeriveAggregateWorkload.KEYS];
        long chunk = 99_991;
        for (long start = 0; start < rows; start += chunk) {
            double[] partialSums = new double[sums.length];
            long[] partialCounts = new long[counts.length];
            FilterDeriveAggregateWorkload.aggregate(start, Math.min(rows, start + chunk), partialSums, partialCounts);
            for (int k = 0; k < sums.length; k++) {
                sums[k] += partialSums[k];
                counts[k] += partialCounts[k];
            }
        }
        assertClose(sequential, FilterDeriveAggregateWorkload.checksum(sums, counts));
        long kept = 0;
        for (long count : counts) {
            kept += count;
        }
        // About half the rows pass a > 0.5.
        assertEquals(rows / 2.0, kept, rows * 0.01);
    }

    @Test
    void groupAggregateAndFilterDeriveAggregateMatchTheDocumentedChecksumsAtFullSize() {
        // Twenty million rows each, but the generator is cheap: well under a second.
        assertClose(GroupAggregateWorkload.DEFAULT_CHECKSUM,
                GroupAggregateWorkload.referenceChecksum(GroupAggregateWorkload.DEFAULT_ROWS));
        assertClose(FilterDeriveAggregateWorkload.DEFAULT_CHECKSUM,
                FilterDeriveAggregateWorkload.referenceChecksum(FilterDeriveAggregateWorkload.DEFAULT_ROWS));
    }

    @Test
    void tinyTasksChecksumIsTheDocumentedSum() {
        assertEquals(99_990_000L, TinyTasksWorkload.referenceChecksum(10_000));
        assertEquals(999_999_000_000L, TinyTasksWorkload.referenceChecksum(1_000_000));
    }

    static void assertClose(double expected, double actual) {
        assertEquals(expected, actual, Math.abs(expected) * RELATIVE,
                () -> String.format(java.util.Locale.ROOT, "expected %.12e, got %.12e", expected, actual));
    }
}

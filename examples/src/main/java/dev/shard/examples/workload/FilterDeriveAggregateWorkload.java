package dev.shard.examples.workload;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Workload W3 (filter-derive-agg): {@code a[i] = U(1, i)}, {@code b[i] = U(2, i)},
 * {@code k[i] = K(3, i, 100)}; keep rows with {@code a > 0.5}, derive
 * {@code c = a * b + 1}, and per k sum c and count rows. The checksum is
 * {@code sum over k of (k+1) * (count + sum)}.
 */
public final class FilterDeriveAggregateWorkload {
    public static final long DEFAULT_ROWS = 20_000_000;
    public static final int KEYS = 100;
    public static final double DEFAULT_CHECKSUM = 1.199466760205e+09;
    private static final double THRESHOLD = 0.5;

    private FilterDeriveAggregateWorkload() {
    }

    public static double a(long row) {
        return ReferenceGenerator.uniform(1, row);
    }

    public static double b(long row) {
        return ReferenceGenerator.uniform(2, row);
    }

    public static int key(long row) {
        return ReferenceGenerator.key(3, row, KEYS);
    }

    /** Writes rows {@code [start, end)} of a, b and k, indexed from 0 at {@code start}. */
    public static void fill(MemorySegment a, MemorySegment b, MemorySegment keys, long start, long end) {
        for (long i = start; i < end; i++) {
            a.setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i - start, a(i));
            b.setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i - start, b(i));
            keys.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i - start, key(i));
        }
    }

    /** Per-key sums of c and counts over rows {@code [start, end)}; {@code sums.length == KEYS}. */
    public static void aggregate(long start, long end, double[] sums, long[] counts) {
        for (long i = start; i < end; i++) {
            double a = a(i);
            if (a > THRESHOLD) {
                int k = key(i);
                double product = a * b(i);
                sums[k] += product + 1;
                counts[k]++;
            }
        }
    }

    public static double checksum(double[] sums, long[] counts) {
        double checksum = 0;
        for (int k = 0; k < sums.length; k++) {
            checksum += (k + 1) * (counts[k] + sums[k]);
        }
        return checksum;
    }

    /** The single-threaded reference checksum over {@code rows} rows. */
    public static double referenceChecksum(long rows) {
        double[] sums = new double[KEYS];
        long[] counts = new long[KEYS];
        aggregate(0, rows, sums, counts);
        return checksum(sums, counts);
    }
}

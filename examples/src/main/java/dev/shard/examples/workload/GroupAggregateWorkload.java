package dev.shard.examples.workload;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Workload W2 (groupagg): {@code key[i] = K(1, i, 1000)}, {@code value[i] = U(2, i)};
 * per key count, sum, mean, min and max; the checksum is
 * {@code sum over k of (k+1) * (count + sum + mean + min + max)}.
 */
public final class GroupAggregateWorkload {
    public static final long DEFAULT_ROWS = 20_000_000;
    public static final int KEYS = 1000;
    public static final double DEFAULT_CHECKSUM = 1.501585048896e+10;

    private GroupAggregateWorkload() {
    }

    public static int key(long row) {
        return ReferenceGenerator.key(1, row, KEYS);
    }

    public static double value(long row) {
        return ReferenceGenerator.uniform(2, row);
    }

    /** Writes rows {@code [start, end)} as int keys and double values, indexed from 0 at {@code start}. */
    public static void fill(MemorySegment keys, MemorySegment values, long start, long end) {
        for (long i = start; i < end; i++) {
            keys.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i - start, key(i));
            values.setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i - start, value(i));
        }
    }

    /** Aggregates rows {@code [start, end)} straight from the generator, one row at a time. */
    public static Groups aggregate(long start, long end) {
        Groups groups = new Groups(KEYS);
        for (long i = start; i < end; i++) {
            groups.add(key(i), value(i));
        }
        return groups;
    }

    /** The single-threaded reference checksum over {@code rows} rows. */
    public static double referenceChecksum(long rows) {
        return aggregate(0, rows).checksum();
    }

    /** Count, sum, min and max per key; partial groups merge, so chunks can run anywhere. */
    public static final class Groups {
        private final long[] counts;
        private final double[] sums;
        private final double[] minimums;
        private final double[] maximums;

        public Groups(int keys) {
            counts = new long[keys];
            sums = new double[keys];
            minimums = new double[keys];
            maximums = new double[keys];
            java.util.Arrays.fill(minimums, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(maximums, Double.NEGATIVE_INFINITY);
        }

        public void add(int key, double value) {
            counts[key]++;
            sums[key] += value;
            minimums[key] = Math.min(minimums[key], value);
            maximums[key] = Math.max(maximums[key], value);
        }

        public void merge(Groups other) {
            for (int k = 0; k < counts.length; k++) {
                counts[k] += other.counts[k];
                sums[k] += other.sums[k];
                minimums[k] = Math.min(minimums[k], other.minimums[k]);
                maximums[k] = Math.max(maximums[k], other.maximums[k]);
            }
        }

        public long count(int key) {
            return counts[key];
        }

        /** Keys with no rows are skipped: their mean, min and max do not exist. */
        public double checksum() {
            double checksum = 0;
            for (int k = 0; k < counts.length; k++) {
                if (counts[k] == 0) {
                    continue;
                }
                double mean = sums[k] / counts[k];
                checksum += (k + 1) * (counts[k] + sums[k] + mean + minimums[k] + maximums[k]);
            }
            return checksum;
        }
    }
}

package dev.shard.examples.dataflow;

import dev.shard.examples.workload.FilterDeriveAggregateWorkload;
import dev.shard.examples.workload.GroupAggregateWorkload;
import java.util.Arrays;

/**
 * The CSV files groupagg and filter-agg must write, computed by plain single-threaded loops over
 * the reference generator. Counts, minimums and maximums do not depend on the order of rows; a
 * sum does, so these loops add in the order the engine documents (SumState, StageSizing): rows
 * in order within each block of {@code blockRows}, then the block sums in block order. The
 * expected bytes are therefore exact, and {@link #checksum} lets a test hold them against the
 * workloads' own row-by-row checksums as well.
 */
final class ReferenceCsv {
    private ReferenceCsv() {
    }

    /** The expected file and the WORKLOADS.md checksum of the same numbers. */
    record Expected(String csv, double checksum) {
    }

    /** W2: per key count, sum, mean, min, max, sorted by key. */
    static Expected groupAggregate(long rows, long blockRows) {
        int keys = GroupAggregateWorkload.KEYS;
        long[] counts = new long[keys];
        double[] sums = new double[keys];
        double[] blockSums = new double[keys];
        double[] minimums = new double[keys];
        double[] maximums = new double[keys];
        Arrays.fill(minimums, Double.POSITIVE_INFINITY);
        Arrays.fill(maximums, Double.NEGATIVE_INFINITY);
        for (long start = 0; start < rows; start += blockRows) {
            Arrays.fill(blockSums, 0);
            for (long i = start; i < Math.min(rows, start + blockRows); i++) {
                int key = GroupAggregateWorkload.key(i);
                double value = GroupAggregateWorkload.value(i);
                counts[key]++;
                blockSums[key] += value;
                minimums[key] = Math.min(minimums[key], value);
                maximums[key] = Math.max(maximums[key], value);
            }
            addInto(sums, blockSums);
        }
        StringBuilder csv = new StringBuilder("key,count,sum,mean,min,max\n");
        double checksum = 0;
        for (int key = 0; key < keys; key++) {
            if (counts[key] == 0) {
                continue;
            }
            double mean = sums[key] / counts[key];
            csv.append(key).append(',').append(counts[key]).append(',').append(Double.toString(sums[key]))
                    .append(',').append(Double.toString(mean)).append(',').append(Double.toString(minimums[key]))
                    .append(',').append(Double.toString(maximums[key])).append('\n');
            checksum += (key + 1) * (counts[key] + sums[key] + mean + minimums[key] + maximums[key]);
        }
        return new Expected(csv.toString(), checksum);
    }

    /** W3: rows with a > 0.5, c = a * b + 1, per k sum(c) and count, sorted by k. */
    static Expected filterAggregate(long rows, long blockRows) {
        int keys = FilterDeriveAggregateWorkload.KEYS;
        long[] counts = new long[keys];
        double[] sums = new double[keys];
        double[] blockSums = new double[keys];
        for (long start = 0; start < rows; start += blockRows) {
            Arrays.fill(blockSums, 0);
            for (long i = start; i < Math.min(rows, start + blockRows); i++) {
                double a = FilterDeriveAggregateWorkload.a(i);
                if (a > 0.5) {
                    int key = FilterDeriveAggregateWorkload.key(i);
                    blockSums[key] += a * FilterDeriveAggregateWorkload.b(i) + 1.0;
                    counts[key]++;
                }
            }
            addInto(sums, blockSums);
        }
        StringBuilder csv = new StringBuilder("k,sum,count\n");
        double checksum = 0;
        for (int key = 0; key < keys; key++) {
            if (counts[key] == 0) {
                continue;
            }
            csv.append(key).append(',').append(Double.toString(sums[key])).append(',').append(counts[key])
                    .append('\n');
            checksum += (key + 1) * (counts[key] + sums[key]);
        }
        return new Expected(csv.toString(), checksum);
    }

    private static void addInto(double[] sums, double[] blockSums) {
        for (int key = 0; key < sums.length; key++) {
            sums[key] += blockSums[key];
        }
    }
}

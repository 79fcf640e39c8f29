package dev.shard.dsl.vector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The built-in vector functions of apply bodies over {@code count} doubles of a segment
 * (a column of a shared matrix in place, or a gathered row). Sums run four independent
 * accumulators folded in a fixed order, for the reason {@link ColumnCorrelation} gives,
 * so a result depends on the values alone. Statistics follow R: var and sd divide by
 * n − 1 and are computed in two passes (mean first) for accuracy.
 */
public final class VectorFunctions {
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final int LANES = 4;

    private VectorFunctions() {
    }

    public static double sum(MemorySegment values, long count) {
        double sum0 = 0;
        double sum1 = 0;
        double sum2 = 0;
        double sum3 = 0;
        long aligned = count - count % LANES;
        long i = 0;
        for (; i < aligned; i += LANES) {
            sum0 += values.getAtIndex(DOUBLE, i);
            sum1 += values.getAtIndex(DOUBLE, i + 1);
            sum2 += values.getAtIndex(DOUBLE, i + 2);
            sum3 += values.getAtIndex(DOUBLE, i + 3);
        }
        for (; i < count; i++) {
            sum0 += values.getAtIndex(DOUBLE, i);
        }
        return (sum0 + sum1) + (sum2 + sum3);
    }

    public static double mean(MemorySegment values, long count) {
        return sum(values, count) / count;
    }

    /** The sample variance (divides by n − 1); NaN for fewer than two values, as in R. */
    public static double variance(MemorySegment values, long count) {
        if (count < 2) {
            return Double.NaN;
        }
        double mean = mean(values, count);
        double squares0 = 0;
        double squares1 = 0;
        double squares2 = 0;
        double squares3 = 0;
        long aligned = count - count % LANES;
        long i = 0;
        for (; i < aligned; i += LANES) {
            double d0 = values.getAtIndex(DOUBLE, i) - mean;
            double d1 = values.getAtIndex(DOUBLE, i + 1) - mean;
            double d2 = values.getAtIndex(DOUBLE, i + 2) - mean;
            double d3 = values.getAtIndex(DOUBLE, i + 3) - mean;
            squares0 += d0 * d0;
            squares1 += d1 * d1;
            squares2 += d2 * d2;
            squares3 += d3 * d3;
        }
        for (; i < count; i++) {
            double d = values.getAtIndex(DOUBLE, i) - mean;
            squares0 += d * d;
        }
        return ((squares0 + squares1) + (squares2 + squares3)) / (count - 1);
    }

    public static double min(MemorySegment values, long count) {
        double best = Double.POSITIVE_INFINITY;
        for (long i = 0; i < count; i++) {
            best = Math.min(best, values.getAtIndex(DOUBLE, i));
        }
        return best;
    }

    public static double max(MemorySegment values, long count) {
        double best = Double.NEGATIVE_INFINITY;
        for (long i = 0; i < count; i++) {
            best = Math.max(best, values.getAtIndex(DOUBLE, i));
        }
        return best;
    }

    public static double dot(MemorySegment left, MemorySegment right, long count) {
        double sum0 = 0;
        double sum1 = 0;
        double sum2 = 0;
        double sum3 = 0;
        long aligned = count - count % LANES;
        long i = 0;
        for (; i < aligned; i += LANES) {
            sum0 += left.getAtIndex(DOUBLE, i) * right.getAtIndex(DOUBLE, i);
            sum1 += left.getAtIndex(DOUBLE, i + 1) * right.getAtIndex(DOUBLE, i + 1);
            sum2 += left.getAtIndex(DOUBLE, i + 2) * right.getAtIndex(DOUBLE, i + 2);
            sum3 += left.getAtIndex(DOUBLE, i + 3) * right.getAtIndex(DOUBLE, i + 3);
        }
        for (; i < count; i++) {
            sum0 += left.getAtIndex(DOUBLE, i) * right.getAtIndex(DOUBLE, i);
        }
        return (sum0 + sum1) + (sum2 + sum3);
    }

    /** The Euclidean norm. */
    public static double norm(MemorySegment values, long count) {
        return Math.sqrt(dot(values, values, count));
    }
}

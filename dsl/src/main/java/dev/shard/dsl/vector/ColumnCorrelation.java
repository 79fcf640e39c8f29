package dev.shard.dsl.vector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The colcor kernel as a pure function over memory: {@code r[j] = cor(X[,j], y)} for a
 * range of columns of a column-major {@code rows x columns} matrix of doubles.
 *
 * <p>Two passes per column (mean first, then centered sums) keep the result accurate
 * when values sit far from zero, where the one-pass {@code sum(xy) - n*mean*mean} form
 * cancels catastrophically. Each pass runs four independent accumulators: HotSpot does
 * not reorder floating-point additions, so a single accumulator would be bound by the
 * add latency (about four cycles) instead of by memory bandwidth.
 *
 * <p>A column whose values are all equal has no correlation: its r is NaN, as in R.
 * Shared by the W1 example kernel and the {@code cor(column, y)} of script apply bodies.
 */
public final class ColumnCorrelation {
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final int LANES = 4;

    private final MemorySegment y;
    private final long rows;
    private final double meanY;
    private final double squaresY;

    /** Prepares the kernel for {@code y} (its first {@code rows} doubles): mean and centered sum of squares. */
    public ColumnCorrelation(MemorySegment y, long rows) {
        if (rows < 2) {
            throw new IllegalArgumentException("a correlation needs at least 2 rows, got " + rows);
        }
        if (y.byteSize() < rows * Double.BYTES) {
            throw new IllegalArgumentException("y holds " + y.byteSize() / Double.BYTES
                    + " doubles but " + rows + " rows were asked for");
        }
        this.y = y.asSlice(0, rows * Double.BYTES);
        this.rows = rows;
        this.meanY = mean(this.y, rows);
        this.squaresY = centeredSquares(this.y, rows, meanY);
    }

    public long rows() {
        return rows;
    }

    /**
     * Writes {@code r[j]} at double index {@code j} of {@code output} for every column
     * {@code j} in {@code [columnStart, columnEnd)} of {@code matrix}, whose column j
     * starts at double index {@code j * rows}.
     */
    public void correlate(MemorySegment matrix, long columnStart, long columnEnd, MemorySegment output) {
        long columnBytes = rows * Double.BYTES;
        for (long j = columnStart; j < columnEnd; j++) {
            MemorySegment column = matrix.asSlice(j * columnBytes, columnBytes);
            output.setAtIndex(DOUBLE, j, correlation(column));
        }
    }

    /** r of one column of {@code rows} doubles with y. */
    public double correlation(MemorySegment column) {
        double meanX = mean(column, rows);
        double cross0 = 0;
        double cross1 = 0;
        double cross2 = 0;
        double cross3 = 0;
        double squares0 = 0;
        double squares1 = 0;
        double squares2 = 0;
        double squares3 = 0;
        long aligned = rows - rows % LANES;
        long i = 0;
        for (; i < aligned; i += LANES) {
            double x0 = column.getAtIndex(DOUBLE, i) - meanX;
            double x1 = column.getAtIndex(DOUBLE, i + 1) - meanX;
            double x2 = column.getAtIndex(DOUBLE, i + 2) - meanX;
            double x3 = column.getAtIndex(DOUBLE, i + 3) - meanX;
            cross0 += x0 * (y.getAtIndex(DOUBLE, i) - meanY);
            cross1 += x1 * (y.getAtIndex(DOUBLE, i + 1) - meanY);
            cross2 += x2 * (y.getAtIndex(DOUBLE, i + 2) - meanY);
            cross3 += x3 * (y.getAtIndex(DOUBLE, i + 3) - meanY);
            squares0 += x0 * x0;
            squares1 += x1 * x1;
            squares2 += x2 * x2;
            squares3 += x3 * x3;
        }
        for (; i < rows; i++) {
            double x = column.getAtIndex(DOUBLE, i) - meanX;
            cross0 += x * (y.getAtIndex(DOUBLE, i) - meanY);
            squares0 += x * x;
        }
        double cross = (cross0 + cross1) + (cross2 + cross3);
        double squaresX = (squares0 + squares1) + (squares2 + squares3);
        return cross / Math.sqrt(squaresX * squaresY);
    }

    static double mean(MemorySegment values, long count) {
        return VectorFunctions.sum(values, count) / count;
    }

    /** Runs once per kernel, not per column, so one accumulator is enough. */
    static double centeredSquares(MemorySegment values, long count, double mean) {
        double sum = 0;
        for (long i = 0; i < count; i++) {
            double d = values.getAtIndex(DOUBLE, i) - mean;
            sum += d * d;
        }
        return sum;
    }
}

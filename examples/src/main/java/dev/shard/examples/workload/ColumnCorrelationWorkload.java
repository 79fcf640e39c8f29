package dev.shard.examples.workload;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Workload W1 (colcor): {@code y[i] = U(0, i)}, {@code X[i,j] = U(j+1, i) + w_j * y[i]}
 * with {@code w_j = (j mod 5) * 0.25}; the output is the Pearson correlation of each
 * column of X with y, and the checksum is the sum of those correlations.
 *
 * <p>X is column-major: element (i, j) is double number {@code j * rows + i}.
 */
public final class ColumnCorrelationWorkload {
    public static final long DEFAULT_ROWS = 10_000;
    public static final long DEFAULT_COLUMNS = 2_000;
    /** The documented checksum at the default size. */
    public static final double DEFAULT_CHECKSUM = 7.971999041855e+02;

    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final int WEIGHT_PERIOD = 5;
    private static final double WEIGHT_STEP = 0.25;

    private ColumnCorrelationWorkload() {
    }

    public static double y(long row) {
        return ReferenceGenerator.uniform(0, row);
    }

    public static double weight(long column) {
        return (column % WEIGHT_PERIOD) * WEIGHT_STEP;
    }

    /** X[row, column]: one multiply, then one add (never a fused multiply-add). */
    public static double x(long row, long column) {
        double product = weight(column) * y(row);
        return ReferenceGenerator.uniform(column + 1, row) + product;
    }

    /** Writes y[0..rows) as doubles at the start of {@code target}. */
    public static void fillY(MemorySegment target, long rows) {
        for (long i = 0; i < rows; i++) {
            target.setAtIndex(DOUBLE, i, y(i));
        }
    }

    /**
     * Writes columns {@code [columnStart, columnEnd)} of X into {@code target} (as
     * {@link #fillColumns(MemorySegment, long, long, long)}) reading y from {@code y}, a
     * vector {@link #fillY} has filled: one hash per element instead of two, the same bits.
     */
    public static void fillColumns(MemorySegment target, MemorySegment y, long rows, long columnStart,
            long columnEnd) {
        for (long j = columnStart; j < columnEnd; j++) {
            fillColumn(target, y, rows, j);
        }
    }

    /**
     * One column of X, a method of its own: called once per column, it reaches the JIT's
     * optimizing compiler as a whole method (in the run that records the workers' AOT cache,
     * so a fresh worker compiles it at its first call) instead of only as an on-stack
     * replacement of a loop over all of a shard's columns.
     */
    public static void fillColumn(MemorySegment target, MemorySegment y, long rows, long column) {
        double w = weight(column);
        long base = column * rows;
        for (long i = 0; i < rows; i++) {
            double product = w * y.getAtIndex(DOUBLE, i);
            target.setAtIndex(DOUBLE, base + i, ReferenceGenerator.uniform(column + 1, i) + product);
        }
    }

    /**
     * Writes columns {@code [columnStart, columnEnd)} of X into {@code target}, a
     * column-major matrix of {@code rows} rows starting at byte 0 of {@code target}.
     */
    public static void fillColumns(MemorySegment target, long rows, long columnStart, long columnEnd) {
        for (long j = columnStart; j < columnEnd; j++) {
            double w = weight(j);
            long base = j * rows;
            for (long i = 0; i < rows; i++) {
                double product = w * y(i);
                target.setAtIndex(DOUBLE, base + i, ReferenceGenerator.uniform(j + 1, i) + product);
            }
        }
    }

    /**
     * The checksum computed the plain way, one column at a time on the heap, with a
     * textbook two-pass correlation: the reference the parallel runs are held to.
     */
    public static double referenceChecksum(int rows, int columns) {
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = y(i);
        }
        double[] column = new double[rows];
        double sum = 0;
        for (int j = 0; j < columns; j++) {
            for (int i = 0; i < rows; i++) {
                column[i] = x(i, j);
            }
            sum += pearson(column, y);
        }
        return sum;
    }

    /** Textbook two-pass Pearson correlation of two equally long arrays. */
    public static double pearson(double[] a, double[] b) {
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < a.length; i++) {
            meanA += a[i];
            meanB += b[i];
        }
        meanA /= a.length;
        meanB /= b.length;
        double cross = 0;
        double squaresA = 0;
        double squaresB = 0;
        for (int i = 0; i < a.length; i++) {
            double da = a[i] - meanA;
            double db = b[i] - meanB;
            cross += da * db;
            squaresA += da * da;
            squaresB += db * db;
        }
        return cross / Math.sqrt(squaresA * squaresB);
    }
}

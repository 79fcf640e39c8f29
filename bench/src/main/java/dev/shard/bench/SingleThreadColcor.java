package dev.shard.bench;

import dev.shard.planner.expr.Generator;
import java.util.Locale;

/**
 * The cold-start baseline of issue 8: W1 as a plain single-threaded Java program. One
 * process, no shard runtime, no shared memory: it generates y and the column-major X into
 * heap arrays with the reference generator, computes every r[j] once, and prints
 * {@code check=} (must be 7.971999041855e+02), then its phase times. {@code bench/cold.sh}
 * runs it as a whole command next to {@code bin/shard example colcor}.
 *
 * <p>The correlation is the same two-pass, four-accumulator loop as the shard kernel
 * ({@code ColumnCorrelation}), so the comparison is about running it, not about the arithmetic.
 *
 * <p>Usage: {@code SingleThreadColcor [rows columns]} (default 10,000 x 2,000).
 */
public final class SingleThreadColcor {
    private static final int LANES = 4;

    private SingleThreadColcor() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int columns = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        double[] y = new double[rows];
        double[] x = new double[Math.multiplyExact(rows, columns)];
        generate(y, x, rows, columns);
        long generated = System.nanoTime();
        double[] r = correlate(y, x, rows, columns);
        long computed = System.nanoTime();
        double check = 0;
        for (double value : r) {
            check += value;
        }
        System.out.printf(Locale.ROOT, "check=%.12e%n", check);
        System.out.printf(Locale.ROOT, "generate_s=%.6f%n", (generated - start) / 1e9);
        System.out.printf(Locale.ROOT, "compute_s=%.6f%n", (computed - generated) / 1e9);
        System.out.printf(Locale.ROOT, "main_s=%.6f%n", (System.nanoTime() - start) / 1e9);
    }

    /** WORKLOADS.md W1: y[i] = U(0, i); X[i, j] = U(j + 1, i) + w_j * y[i], w_j = (j mod 5) * 0.25. */
    static void generate(double[] y, double[] x, int rows, int columns) {
        for (int i = 0; i < rows; i++) {
            y[i] = Generator.uniform(0, i);
        }
        for (int j = 0; j < columns; j++) {
            double weight = (j % 5) * 0.25;
            int offset = j * rows;
            for (int i = 0; i < rows; i++) {
                // One multiply then one add, as the workload specifies (no fused multiply-add).
                double product = weight * y[i];
                x[offset + i] = Generator.uniform(j + 1, i) + product;
            }
        }
    }

    static double[] correlate(double[] y, double[] x, int rows, int columns) {
        double meanY = mean(y, 0, rows);
        double squaresY = 0;
        for (int i = 0; i < rows; i++) {
            squaresY += (y[i] - meanY) * (y[i] - meanY);
        }
        double[] r = new double[columns];
        int aligned = rows - rows % LANES;
        for (int j = 0; j < columns; j++) {
            int offset = j * rows;
            double meanX = mean(x, offset, rows);
            double cross0 = 0;
            double cross1 = 0;
            double cross2 = 0;
            double cross3 = 0;
            double squares0 = 0;
            double squares1 = 0;
            double squares2 = 0;
            double squares3 = 0;
            int i = 0;
            for (; i < aligned; i += LANES) {
                double x0 = x[offset + i] - meanX;
                double x1 = x[offset + i + 1] - meanX;
                double x2 = x[offset + i + 2] - meanX;
                double x3 = x[offset + i + 3] - meanX;
                cross0 += x0 * (y[i] - meanY);
                cross1 += x1 * (y[i + 1] - meanY);
                cross2 += x2 * (y[i + 2] - meanY);
                cross3 += x3 * (y[i + 3] - meanY);
                squares0 += x0 * x0;
                squares1 += x1 * x1;
                squares2 += x2 * x2;
                squares3 += x3 * x3;
            }
            for (; i < rows; i++) {
                double centered = x[offset + i] - meanX;
                cross0 += centered * (y[i] - meanY);
                squares0 += centered * centered;
            }
            double cross = (cross0 + cross1) + (cross2 + cross3);
            double squares = (squares0 + squares1) + (squares2 + squares3);
            r[j] = cross / Math.sqrt(squares * squaresY);
        }
        return r;
    }

    private static double mean(double[] values, int offset, int count) {
        double sum0 = 0;
        double sum1 = 0;
        double sum2 = 0;
        double sum3 = 0;
        int aligned = count - count % LANES;
        int i = 0;
        for (; i < aligned; i += LANES) {
            sum0 += values[offset + i];
            sum1 += values[offset + i + 1];
            sum2 += values[offset + i + 2];
            sum3 += values[offset + i + 3];
        }
        for (; i < count; i++) {
            sum0 += values[offset + i];
        }
        return ((sum0 + sum1) + (sum2 + sum3)) / count;
    }
}

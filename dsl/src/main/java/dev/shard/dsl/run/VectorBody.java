package dev.shard.dsl.run;

import java.io.Serializable;
import java.util.Map;

/**
 * An apply body compiled for the workers: built-in vector functions of the slice (and side
 * vectors), combined with numbers and arithmetic. Statistics follow R: var and sd divide by
 * n − 1; cor is Pearson's, computed in two passes (mean first) for accuracy.
 */
sealed interface VectorBody extends Serializable {
    double of(Slice slice, Map<String, double[]> side);

    /** The row or column being visited. */
    interface Slice {
        long length();

        double get(long k);
    }

    record Constant(double value) implements VectorBody {
        public double of(Slice slice, Map<String, double[]> side) {
            return value;
        }
    }

    record Binary(String operator, VectorBody left, VectorBody right) implements VectorBody {
        public double of(Slice slice, Map<String, double[]> side) {
            double a = left.of(slice, side);
            double b = right.of(slice, side);
            return switch (operator) {
                case "+" -> a + b;
                case "-" -> a - b;
                case "*" -> a * b;
                case "/" -> a / b;
                default -> a % b;
            };
        }
    }

    /** {@code function(slice)} or {@code function(slice, y)} for dot and cor. */
    record Statistic(String function, String other) implements VectorBody {
        public double of(Slice slice, Map<String, double[]> side) {
            long n = slice.length();
            return switch (function) {
                case "sum" -> sum(slice);
                case "mean" -> sum(slice) / n;
                case "var" -> variance(slice);
                case "sd" -> Math.sqrt(variance(slice));
                case "min" -> extreme(slice, true);
                case "max" -> extreme(slice, false);
                case "norm" -> Math.sqrt(dot(slice, slice::get));
                case "dot" -> dot(slice, k -> side.get(other)[(int) k]);
                case "cor" -> correlation(slice, side.get(other));
                default -> throw new IllegalStateException("not a vector function: " + function);
            };
        }

        private static double sum(Slice slice) {
            double total = 0;
            for (long k = 0; k < slice.length(); k++) {
                total += slice.get(k);
            }
            return total;
        }

        private static double variance(Slice slice) {
            double mean = sum(slice) / slice.length();
            double squares = 0;
            for (long k = 0; k < slice.length(); k++) {
                double d = slice.get(k) - mean;
                squares += d * d;
            }
            return squares / (slice.length() - 1);
        }

        private static double extreme(Slice slice, boolean minimum) {
            double best = minimum ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            for (long k = 0; k < slice.length(); k++) {
                best = minimum ? Math.min(best, slice.get(k)) : Math.max(best, slice.get(k));
            }
            return best;
        }

        private static double dot(Slice slice, java.util.function.LongToDoubleFunction other) {
            double total = 0;
            for (long k = 0; k < slice.length(); k++) {
                total += slice.get(k) * other.applyAsDouble(k);
            }
            return total;
        }

        private static double correlation(Slice slice, double[] y) {
            long n = slice.length();
            double meanX = sum(slice) / n;
            double meanY = 0;
            for (double value : y) {
                meanY += value;
            }
            meanY /= n;
            double cross = 0;
            double squaresX = 0;
            double squaresY = 0;
            for (int k = 0; k < n; k++) {
                double x = slice.get(k) - meanX;
                double v = y[k] - meanY;
                cross += x * v;
                squaresX += x * x;
                squaresY += v * v;
            }
            return cross / Math.sqrt(squaresX * squaresY);
        }
    }
}

package dev.shard.dsl.run;

import dev.shard.dsl.vector.ColumnCorrelation;
import dev.shard.dsl.vector.VectorFunctions;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.util.Map;

/**
 * An apply body compiled for the workers: built-in vector functions of the slice (and side
 * vectors), combined with numbers and arithmetic. A worker binds it once per shard to the
 * side vectors in shared memory (cor's mean and spread of y are computed there, once), then
 * evaluates it per row or column as tight loops of {@link VectorFunctions}.
 */
sealed interface VectorBody extends Serializable {
    /** The body for slices of {@code length} doubles, with the side vectors in place. */
    Bound bind(Map<String, MemorySegment> side, long length);

    /** A bound body: the value for one row or column. */
    interface Bound {
        double of(MemorySegment slice);
    }

    record Constant(double value) implements VectorBody {
        public Bound bind(Map<String, MemorySegment> side, long length) {
            return slice -> value;
        }
    }

    record Binary(String operator, VectorBody left, VectorBody right) implements VectorBody {
        public Bound bind(Map<String, MemorySegment> side, long length) {
            Bound a = left.bind(side, length);
            Bound b = right.bind(side, length);
            return switch (operator) {
                case "+" -> slice -> a.of(slice) + b.of(slice);
                case "-" -> slice -> a.of(slice) - b.of(slice);
                case "*" -> slice -> a.of(slice) * b.of(slice);
                case "/" -> slice -> a.of(slice) / b.of(slice);
                default -> slice -> a.of(slice) % b.of(slice);
            };
        }
    }

    /** {@code function(slice)} or {@code function(slice, y)} for dot and cor. */
    record Statistic(String function, String other) implements VectorBody {
        public Bound bind(Map<String, MemorySegment> side, long n) {
            return switch (function) {
                case "sum" -> slice -> VectorFunctions.sum(slice, n);
                case "mean" -> slice -> VectorFunctions.mean(slice, n);
                case "var" -> slice -> VectorFunctions.variance(slice, n);
                case "sd" -> slice -> Math.sqrt(VectorFunctions.variance(slice, n));
                case "min" -> slice -> VectorFunctions.min(slice, n);
                case "max" -> slice -> VectorFunctions.max(slice, n);
                case "norm" -> slice -> VectorFunctions.norm(slice, n);
                case "dot" -> {
                    MemorySegment y = sideVector(side, n);
                    yield slice -> VectorFunctions.dot(slice, y, n);
                }
                case "cor" -> new ColumnCorrelation(sideVector(side, n), n)::correlation;
                default -> throw new IllegalStateException("not a vector function: " + function);
            };
        }

        private MemorySegment sideVector(Map<String, MemorySegment> side, long n) {
            MemorySegment y = side.get(other);
            if (y.byteSize() < n * Double.BYTES) {
                throw new IllegalArgumentException(function + "(…, " + other + "): `" + other + "` holds "
                        + y.byteSize() / Double.BYTES + " values but the slice has " + n);
            }
            return y;
        }
    }
}

package dev.shard.planner.exec.expr;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.exec.vector.MappedValues;
import dev.shard.planner.type.DataType;

/**
 * int(...), double(...), string(...). A value that has no image is null: int of NaN or
 * an infinite or out-of-range double, a string that does not parse. int of a double
 * truncates toward zero; a bool is 1 or 0; string of a double is {@link Double#toString}.
 */
final class CastEvaluator implements VectorEvaluator {
    private final VectorEvaluator argument;
    private final BatchColumn out;

    CastEvaluator(VectorEvaluator argument, DataType target) {
        this.argument = argument;
        this.out = new BatchColumn(target, ColumnBatch.CAPACITY);
    }

    @Override
    public DataType type() {
        return out.type();
    }

    @Override
    public BatchColumn evaluate(ColumnBatch batch) {
        BatchColumn a = argument.evaluateInPlace(batch);
        int n = batch.size();
        Nulls.propagate(out, n, a);
        if (a.mapped() != null && a.type() == DataType.INT && out.type() == DataType.DOUBLE) {
            MappedValues mapped = a.mapped();
            double[] r = out.doubles;
            for (int i = 0; i < n; i++) {
                r[i] = mapped.longAt(i);
            }
            return out;
        }
        a.heap();
        if (a.type() == DataType.INT && out.type() == DataType.DOUBLE) {
            long[] x = a.longs;
            double[] r = out.doubles;
            for (int i = 0; i < n; i++) {
                r[i] = x[i];
            }
            return out;
        }
        for (int i = 0; i < n; i++) {
            if (out.isNull(i)) {
                continue;
            }
            Object value = cast(a.get(i), out.type());
            if (value == null) {
                out.setNull(i);
            } else {
                out.set(i, value);
            }
        }
        return out;
    }

    /** The cast of one non-null boxed value; shared with the reference interpreter's semantics. */
    static Object cast(Object value, DataType target) {
        return switch (target) {
            case INT -> switch (value) {
                case Long l -> l;
                case Double d -> d.isNaN() || d.isInfinite() || d >= 0x1p63 || d < -0x1p63 ? null : (Object) d.longValue();
                case Boolean b -> b ? 1L : 0L;
                case String s -> parseLong(s);
                default -> null;
            };
            case DOUBLE -> switch (value) {
                case Long l -> (double) l;
                case Double d -> d;
                case Boolean b -> b ? 1.0 : 0.0;
                case String s -> parseDouble(s);
                default -> null;
            };
            case STRING -> value.toString();
            case BOOL -> value;
        };
    }

    private static Long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double parseDouble(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

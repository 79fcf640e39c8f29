package dev.shard.planner.exec.expr;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.exec.vector.MappedValues;
import dev.shard.planner.expr.ScalarFunction;
import java.lang.foreign.MemorySegment;

/**
 * A filter on a mapped integer column against a constant, in one pass: each row is read in
 * place, compared and kept or not in the batch's selection, where evaluating the comparison
 * into a boolean column and narrowing by it took two passes (the first one over the mapping
 * did not vectorize: 1.3 ns a row). Every comparison becomes a closed range {@code [low, high]}
 * of the column's values, or its complement for {@code !=}, tested branch-free with one
 * unsigned comparison ({@code value - low <= high - low}): one loop per width and selection
 * shape instead of one per comparison. Columns with nulls, and comparisons that hold for no
 * value of the column's width, take the two-pass path.
 */
final class MappedSelections {
    private MappedSelections() {
    }

    /** The values of the column's width the comparison keeps, possibly complemented. */
    record Range(long low, long high, boolean complement) {
    }

    /**
     * Narrows {@code batch}'s selection to the rows where {@code column <function> constant}
     * holds; false (and nothing changed) when this shape is not one this class handles.
     */
    static boolean narrow(ColumnBatch batch, BatchColumn column, ScalarFunction function, Number constant) {
        MappedValues values = column.mapped();
        if (values == null || column.hasNulls || values.width() == MappedValues.Width.FLOAT64
                || !(constant instanceof Long || constant instanceof Integer)) {
            return false;
        }
        Range range = range(function, constant.longValue(), values.width());
        if (range == null) {
            return false;
        }
        int[] selection = batch.selectionToNarrow();
        int count = switch (values.width()) {
            case INT32 -> ints(values.data(), values.offset(), batch, selection, range);
            case INT64 -> longs(values.data(), values.offset(), batch, selection, range);
            case FLOAT64 -> throw new IllegalStateException("float64 columns take the two-pass path");
        };
        batch.narrowedTo(count);
        return true;
    }

    /**
     * The values of {@code width} for which {@code value <function> c} holds, as a range; null
     * when none does (the caller's general path then handles the constant result).
     */
    static Range range(ScalarFunction function, long c, MappedValues.Width width) {
        long min = width == MappedValues.Width.INT32 ? Integer.MIN_VALUE : Long.MIN_VALUE;
        long max = width == MappedValues.Width.INT32 ? Integer.MAX_VALUE : Long.MAX_VALUE;
        return switch (function) {
            case EQUAL -> c < min || c > max ? null : new Range(c, c, false);
            case NOT_EQUAL -> c < min || c > max ? null : new Range(c, c, true);
            case LESS -> c <= min ? null : new Range(min, Math.min(c - 1, max), false);
            case LESS_EQUAL -> c < min ? null : new Range(min, Math.min(c, max), false);
            case GREATER -> c >= max ? null : new Range(Math.max(c + 1, min), max, false);
            case GREATER_EQUAL -> c > max ? null : new Range(Math.max(c, min), max, false);
            default -> throw new IllegalStateException(function + " is not a comparison");
        };
    }

    /**
     * {@code value - low <= high - low} unsigned, as a signed comparison shifted by
     * {@code Integer.MIN_VALUE}: one compare per row whatever the comparison was. The compare is
     * made in arithmetic, the sign of {@code limit - (value - shift)} in a long: the scan stage's
     * {@code filter m < 900} + count measured 0.86x the CPU per row of the boolean form (twelve
     * alternated pairs, bench/results/2026-12-02-scan-pages.md).
     */
    private static int ints(MemorySegment data, long at, ColumnBatch batch, int[] selection, Range range) {
        int shift = (int) range.low() - Integer.MIN_VALUE;
        long limit = (int) (range.high() - range.low()) + Integer.MIN_VALUE;
        long outside = range.complement() ? 0 : 1;
        int count = 0;
        if (batch.allSelected()) {
            int n = batch.size();
            for (int row = 0; row < n; row++) {
                int value = data.get(MappedValues.INT, at + row * 4L);
                selection[count] = row;
                count += (int) (((limit - (value - shift)) >>> 63) ^ outside);
            }
            return count;
        }
        int selected = batch.selectedCount();
        for (int k = 0; k < selected; k++) {
            int row = selection[k];
            int value = data.get(MappedValues.INT, at + row * 4L);
            selection[count] = row;
            count += (int) (((limit - (value - shift)) >>> 63) ^ outside);
        }
        return count;
    }

    private static int longs(MemorySegment data, long at, ColumnBatch batch, int[] selection, Range range) {
        long shift = range.low() - Long.MIN_VALUE;
        long limit = range.high() - range.low() + Long.MIN_VALUE;
        boolean complement = range.complement();
        int count = 0;
        if (batch.allSelected()) {
            int n = batch.size();
            for (int row = 0; row < n; row++) {
                long value = data.get(MappedValues.LONG, at + row * 8L);
                selection[count] = row;
                count += ((value - shift <= limit) != complement) ? 1 : 0;
            }
            return count;
        }
        int selected = batch.selectedCount();
        for (int k = 0; k < selected; k++) {
            int row = selection[k];
            long value = data.get(MappedValues.LONG, at + row * 8L);
            selection[count] = row;
            count += ((value - shift <= limit) != complement) ? 1 : 0;
        }
        return count;
    }
}

package dev.shard.planner.exec.aggregate;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import java.util.Arrays;

/**
 * min and max in a total order ({@link Double#compare}: -0.0 below 0.0, NaN above
 * everything), so the result does not depend on how rows were grouped into blocks.
 */
final class ExtremeState extends AggregateState {
    private final boolean minimum;
    private final BatchColumn values;
    /** nulls[g] true = no value yet. */
    private final BatchColumn seen;

    ExtremeState(dev.shard.planner.type.DataType type, boolean minimum) {
        this.minimum = minimum;
        this.values = new BatchColumn(type, 256);
        this.seen = new BatchColumn(dev.shard.planner.type.DataType.BOOL, 256);
        unsetFrom(0);
    }

    boolean minimum() {
        return minimum;
    }

    /** The DOUBLE values by group, NaN where a group has no value yet (see {@link DoubleColumnFold}). */
    double[] doubles(int groups) {
        grow(groups);
        return values.doubles;
    }

    boolean[] seen(int groups) {
        grow(groups);
        return seen.booleans;
    }

    /**
     * A DOUBLE group without a value holds NaN, so the fused fold's one-comparison test
     * ({@code x < min}) is false for it and the exact rule decides.
     */
    private void unsetFrom(int group) {
        if (values.type() == dev.shard.planner.type.DataType.DOUBLE) {
            Arrays.fill(values.doubles, group, values.capacity(), Double.NaN);
        }
    }

    @Override
    public void accumulate(int[] groupIds, BatchColumn input, ColumnBatch batch, int groups) {
        grow(groups);
        int count = batch.selectedCount();
        if (input.type() == dev.shard.planner.type.DataType.DOUBLE && !input.hasNulls) {
            double[] v = values.doubles;
            double[] in = input.doubles;
            boolean[] has = seen.booleans;
            boolean dense = batch.allSelected();
            if (minimum) {
                for (int k = 0; k < count; k++) {
                    int group = groupIds[k];
                    double x = in[dense ? k : batch.selected(k)];
                    if (!has[group] || Double.compare(x, v[group]) < 0) {
                        v[group] = x;
                        has[group] = true;
                    }
                }
            } else {
                for (int k = 0; k < count; k++) {
                    int group = groupIds[k];
                    double x = in[dense ? k : batch.selected(k)];
                    if (!has[group] || Double.compare(x, v[group]) > 0) {
                        v[group] = x;
                        has[group] = true;
                    }
                }
            }
            return;
        }
        for (int k = 0; k < count; k++) {
            offer(groupIds[k], input, batch.selected(k));
        }
    }

    private void offer(int group, BatchColumn input, int row) {
        if (input.isNull(row)) {
            return;
        }
        if (!seen.booleans[group] || better(input, row, group)) {
            values.copyRow(input, row, group);
            seen.booleans[group] = true;
        }
    }

    private boolean better(BatchColumn input, int row, int group) {
        int comparison = switch (values.type()) {
            case INT -> Long.compare(input.longs[row], values.longs[group]);
            case DOUBLE -> Double.compare(input.doubles[row], values.doubles[group]);
            case BOOL -> Boolean.compare(input.booleans[row], values.booleans[group]);
            case STRING -> input.strings[row].compareTo(values.strings[group]);
        };
        return minimum ? comparison < 0 : comparison > 0;
    }

    private void grow(int groups) {
        int old = values.capacity();
        if (groups <= old) {
            return;
        }
        values.ensureCapacity(groups);
        seen.ensureCapacity(groups);
        unsetFrom(old);
    }

    @Override
    public BatchColumn[] export(int groups) {
        return new BatchColumn[] {finish(groups)};
    }

    /** A group without a value is a null row (its slot holds NaN or a stale value, never read). */
    @Override
    void write(int groups, PartialsWriter out) {
        grow(groups);
        boolean[] has = seen.booleans;
        boolean all = true;
        for (int group = 0; group < groups; group++) {
            all &= has[group];
        }
        out.columnCount(1);
        out.column(values, groups, all ? null : has, true);
    }

    @Override
    public void merge(int[] groupIds, BatchColumn[] partial, int rows, int groups) {
        grow(groups);
        BatchColumn input = partial[0];
        if (input.type() != dev.shard.planner.type.DataType.DOUBLE || input.hasNulls) {
            for (int r = 0; r < rows; r++) {
                offer(groupIds[r], input, r);
            }
            return;
        }
        // The driver folds a partial row per group and block: one comparison in the common
        // case, as in DoubleColumnFold; unset groups hold NaN and take the exact rule.
        double[] in = input.doubles;
        double[] v = values.doubles;
        for (int r = 0; r < rows; r++) {
            int group = groupIds[r];
            double x = in[r];
            double current = v[group];
            if (minimum ? x < current : x > current) {
                v[group] = x;
            } else if (x == current || x != x || current != current) {
                offer(group, input, r);
            }
        }
    }

    @Override
    public BatchColumn finish(int groups) {
        grow(groups);
        BatchColumn result = values.trimmed(groups);
        result.hasNulls = false;
        for (int group = 0; group < groups; group++) {
            result.nulls[group] = false;
            if (!seen.booleans[group]) {
                result.setNull(group);
            }
        }
        return result;
    }

    @Override
    public void clear() {
        Arrays.fill(seen.booleans, false);
        unsetFrom(0);
    }
}

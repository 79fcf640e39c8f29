package dev.shard.planner.exec.aggregate;

import dev.shard.planner.exec.vector.MappedValues;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The running count, sum, minimum and maximum of one DOUBLE column side by side, one
 * 32-byte cell per group ({@code [sum, low, high, count]}), for {@link DoubleColumnFold}
 * when it keeps all four: a row then touches one cache line of state instead of one in
 * each of the four states' arrays, which at W2's 1,000 groups (32 KiB of state) do not
 * stay in a 32 KiB L1 next to the batch's columns.
 *
 * <p>The cells hold the truth between {@link #load} and {@link #store}; the states' arrays
 * the rest of the time (their own passes, their export). Rows are added in the order given,
 * so sums add as the states add them; the count is a double, exact up to 2^53 rows and a
 * block has 65,536. A group without a value holds NaN as low and high, as the states do, so
 * the one-comparison tests fail for it and the states' exact rule ({@code offer}) decides.
 */
final class FoldCells {
    private static final int WIDTH = 4;
    private static final int SUM = 0;
    private static final int LOW = 1;
    private static final int HIGH = 2;
    private static final int COUNT = 3;

    private double[] cells = fresh(new double[256 * WIDTH], 0);
    /** Groups whose cells hold their state (the others are fresh). */
    private int ready;

    /** Adds {@code values[k]} (dense) or {@code values[selection[k]]} to group {@code groupIds[k]}, for k below rows. */
    void add(int[] groupIds, double[] values, int[] selection, int rows, ExtremeState minimum,
            ExtremeState maximum, int groups) {
        double[] c = cells(groups);
        if (selection == null) {
            for (int k = 0; k < rows; k++) {
                addTo(c, groupIds[k], values[k], minimum, maximum, groups);
            }
            return;
        }
        for (int k = 0; k < rows; k++) {
            addTo(c, groupIds[k], values[selection[k]], minimum, maximum, groups);
        }
    }

    /** {@link #add} reading the values in place: row r's value at byte {@code offset + r * 8} of {@code data}. */
    void add(int[] groupIds, MemorySegment data, long offset, int[] selection, int rows, ExtremeState minimum,
            ExtremeState maximum, int groups) {
        double[] c = cells(groups);
        if (selection == null) {
            for (int k = 0; k < rows; k++) {
                addTo(c, groupIds[k], data.get(MappedValues.DOUBLE, offset + k * 8L), minimum, maximum, groups);
            }
            return;
        }
        for (int k = 0; k < rows; k++) {
            addTo(c, groupIds[k], data.get(MappedValues.DOUBLE, offset + selection[k] * 8L), minimum, maximum,
                    groups);
        }
    }

    private static void addTo(double[] c, int group, double x, ExtremeState minimum, ExtremeState maximum,
            int groups) {
        int at = group * WIDTH;
        c[at + SUM] += x;
        c[at + COUNT] += 1;
        double low = c[at + LOW];
        if (x < low) {
            c[at + LOW] = x;
        } else if (!(x > low)) {
            offer(minimum, c, at + LOW, group, x, groups);
        }
        double high = c[at + HIGH];
        if (x > high) {
            c[at + HIGH] = x;
        } else if (!(x < high)) {
            offer(maximum, c, at + HIGH, group, x, groups);
        }
    }

    /** Ties, NaN and a group's first value: {@link ExtremeState}'s own rule, its seen flags kept in the state. */
    private static void offer(ExtremeState state, double[] c, int at, int group, double x, int groups) {
        boolean[] seen = state.seen(groups);
        int comparison = Double.compare(x, c[at]);
        if (!seen[group] || (state.minimum() ? comparison < 0 : comparison > 0)) {
            c[at] = x;
            seen[group] = true;
        }
    }

    /** The cells of groups {@code [0, groups)}, the new ones fresh (no rows). */
    private double[] cells(int groups) {
        if (groups <= ready) {
            return cells;
        }
        if (cells.length < groups * WIDTH) {
            int old = cells.length;
            cells = fresh(Arrays.copyOf(cells, Math.max(groups * WIDTH, old * 2)), old / WIDTH);
        }
        ready = groups;
        return cells;
    }

    /** Sets cells from {@code group} on to no rows: sum and count 0, low and high NaN. */
    private static double[] fresh(double[] c, int group) {
        for (int at = group * WIDTH; at < c.length; at += WIDTH) {
            c[at + SUM] = 0;
            c[at + LOW] = Double.NaN;
            c[at + HIGH] = Double.NaN;
            c[at + COUNT] = 0;
        }
        return c;
    }

    /** Writes the cells of groups {@code [0, groups)} into the states' arrays, which then hold the truth. */
    void store(int groups, CountState count, SumState sum, ExtremeState minimum, ExtremeState maximum) {
        double[] c = cells(groups);
        long[] counts = count.counts(groups);
        double[] sums = sum.doubles(groups);
        double[] lows = minimum.doubles(groups);
        double[] highs = maximum.doubles(groups);
        for (int group = 0, at = 0; group < groups; group++, at += WIDTH) {
            sums[group] = c[at + SUM];
            lows[group] = c[at + LOW];
            highs[group] = c[at + HIGH];
            counts[group] = (long) c[at + COUNT];
        }
    }

    /** Reads the states' arrays of groups {@code [0, groups)} into the cells, which then hold the truth. */
    void load(int groups, CountState count, SumState sum, ExtremeState minimum, ExtremeState maximum) {
        double[] c = cells(groups);
        long[] counts = count.counts(groups);
        double[] sums = sum.doubles(groups);
        double[] lows = minimum.doubles(groups);
        double[] highs = maximum.doubles(groups);
        for (int group = 0, at = 0; group < groups; group++, at += WIDTH) {
            c[at + SUM] = sums[group];
            c[at + LOW] = lows[group];
            c[at + HIGH] = highs[group];
            c[at + COUNT] = counts[group];
        }
    }

    /** The states were cleared (a new block): every cell is fresh again. */
    void clear() {
        fresh(cells, 0);
        ready = 0;
    }
}

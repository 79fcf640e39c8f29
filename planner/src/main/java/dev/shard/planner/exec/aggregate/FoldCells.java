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
 * block has 65,536. A group without a value holds +inf as low and -inf as high in its cell
 * (see {@link #addTo}), and NaN, not seen, in the states' arrays: {@link #store} and
 * {@link #load} translate.
 */
final class FoldCells {
    static final int WIDTH = 4;
    static final int SUM = 0;
    static final int LOW = 1;
    static final int HIGH = 2;
    static final int COUNT = 3;

    private double[] cells = fresh(new double[256 * WIDTH], 0);
    /** Groups whose cells hold their state (the others are fresh). */
    private int ready;

    /**
     * Adds {@code values[k]} (dense) or {@code values[selection[k]]} to group {@code groupIds[k]}, for k
     * below rows. The cells keep whether a group has a value themselves: the states are read and
     * written at {@link #store} and {@link #load} only.
     */
    void add(int[] groupIds, double[] values, int[] selection, int rows, int groups) {
        double[] c = cells(groups);
        if (selection == null) {
            for (int k = 0; k < rows; k++) {
                addTo(c, groupIds[k], values[k]);
            }
            return;
        }
        for (int k = 0; k < rows; k++) {
            addTo(c, groupIds[k], values[selection[k]]);
        }
    }

    /** {@link #add} reading the values in place: row r's value at byte {@code offset + r * 8} of {@code data}. */
    void add(int[] groupIds, MemorySegment data, long offset, int[] selection, int rows, int groups) {
        double[] c = cells(groups);
        if (selection == null) {
            for (int k = 0; k < rows; k++) {
                addTo(c, groupIds[k], data.get(MappedValues.DOUBLE, offset + k * 8L));
            }
            return;
        }
        for (int k = 0; k < rows; k++) {
            addTo(c, groupIds[k], data.get(MappedValues.DOUBLE, offset + selection[k] * 8L));
        }
    }

    /**
     * A group without a value holds +inf as low and -inf as high (low above high, which no
     * seen group has), so a number needs no test: {@link Math#min} and {@link Math#max} keep
     * {@link Double#compare}'s order for numbers (-0.0 below 0.0; a tie keeps the same bits)
     * without a branch. A new extreme comes often early in a block (about ln(rows per group)
     * times per group), and the branch per comparison that took it cost more than the fold's
     * arithmetic on AVX2. A NaN value or a NaN low (a group whose values were all NaN) takes
     * the exact rule: NaN above every number, the first of equal values kept.
     */
    private static void addTo(double[] c, int group, double x) {
        addAt(c, group * WIDTH, x);
    }

    /** {@link #addTo} for the cell starting at {@code c[at]}: {@link KeyedCells} finds cells by key. */
    static void addAt(double[] c, int at, double x) {
        double low = c[at + LOW];
        double high = c[at + HIGH];
        c[at + SUM] += x;
        c[at + COUNT] += 1;
        if (x == x && low == low) {
            c[at + LOW] = Math.min(low, x);
            c[at + HIGH] = Math.max(high, x);
            return;
        }
        boolean unseen = low > high;
        if (unseen || Double.compare(x, low) < 0) {
            c[at + LOW] = x;
        }
        if (unseen || Double.compare(x, high) > 0) {
            c[at + HIGH] = x;
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

    /** Sets cells from {@code group} on to no rows: sum and count 0, low +inf and high -inf. */
    static double[] fresh(double[] c, int group) {
        for (int at = group * WIDTH; at < c.length; at += WIDTH) {
            freshAt(c, at);
        }
        return c;
    }

    static void freshAt(double[] c, int at) {
        c[at + SUM] = 0;
        c[at + LOW] = Double.POSITIVE_INFINITY;
        c[at + HIGH] = Double.NEGATIVE_INFINITY;
        c[at + COUNT] = 0;
    }

    /** The four states' arrays, sized for some number of groups, that cells are written into and read from. */
    record StateArrays(long[] counts, double[] sums, double[] lows, double[] highs, boolean[] lowSeen,
            boolean[] highSeen) {
        static StateArrays of(int groups, CountState count, SumState sum, ExtremeState minimum,
                ExtremeState maximum) {
            return new StateArrays(count.counts(groups), sum.doubles(groups), minimum.doubles(groups),
                    maximum.doubles(groups), minimum.seen(groups), maximum.seen(groups));
        }

        /** Writes the cell at {@code c[at]} into group {@code group}. */
        void store(double[] c, int at, int group) {
            double low = c[at + LOW];
            double high = c[at + HIGH];
            // The states' form of a group without a value: NaN and not seen.
            boolean seen = !(low > high);
            sums[group] = c[at + SUM];
            lows[group] = seen ? low : Double.NaN;
            highs[group] = seen ? high : Double.NaN;
            lowSeen[group] = seen;
            highSeen[group] = seen;
            counts[group] = (long) c[at + COUNT];
        }

        /** Reads group {@code group} into the cell at {@code c[at]}. */
        void load(double[] c, int at, int group) {
            c[at + SUM] = sums[group];
            c[at + LOW] = lowSeen[group] ? lows[group] : Double.POSITIVE_INFINITY;
            c[at + HIGH] = highSeen[group] ? highs[group] : Double.NEGATIVE_INFINITY;
            c[at + COUNT] = counts[group];
        }
    }

    /** Writes the cells of groups {@code [0, groups)} into the states' arrays, which then hold the truth. */
    void store(int groups, CountState count, SumState sum, ExtremeState minimum, ExtremeState maximum) {
        double[] c = cells(groups);
        StateArrays states = StateArrays.of(groups, count, sum, minimum, maximum);
        for (int group = 0, at = 0; group < groups; group++, at += WIDTH) {
            states.store(c, at, group);
        }
    }

    /** Reads the states' arrays of groups {@code [0, groups)} into the cells, which then hold the truth. */
    void load(int groups, CountState count, SumState sum, ExtremeState minimum, ExtremeState maximum) {
        double[] c = cells(groups);
        StateArrays states = StateArrays.of(groups, count, sum, minimum, maximum);
        for (int group = 0, at = 0; group < groups; group++, at += WIDTH) {
            states.load(c, at, group);
        }
    }

    /** The states were cleared (a new block): every cell is fresh again. */
    void clear() {
        fresh(cells, 0);
        ready = 0;
    }
}

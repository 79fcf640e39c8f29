package dev.shard.planner.exec.aggregate;

import dev.shard.planner.exec.expr.VectorEvaluator;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.exec.vector.MappedValues;
import java.util.Arrays;
import java.util.List;

/**
 * The sums (and counts) of several DOUBLE columns of a batch in one pass over its selection,
 * where one {@link DoubleColumnFold} per column walked the selection and the group ids once per
 * column: each selected row's position and group are read once, and every column's value added
 * to its group's sum in that pass ({@link DoubleSums}). The scan benchmark's {@code sum x, y, z}
 * is the shape; a column with a minimum or a maximum keeps its own fold.
 *
 * <p>Every sum still adds its column's values in row order, so the sums are the states' own,
 * bit for bit. Counts are not kept per column per row: on a batch where no column has nulls each
 * column's sum count and each count() or count(x) grows by the rows of the group, kept once in
 * {@link #added} and added to all of them at {@link #settle}. A batch where a column has nulls
 * takes the states' own passes for that column (so nulls are skipped as they are today) and one
 * column at a time for the others, counting directly.
 */
final class DoubleSumsFold {
    /** A column's sum (null when only its count is asked) and its count(x) states. */
    record Member(VectorEvaluator argument, SumState sum, List<CountState> counts) {
    }

    private final List<Member> members;
    /** count() of every row, or null. */
    private final CountState rowCount;
    private final BatchColumn[] inputs;
    private final DoubleSums.Column[] mapped;
    private final DoubleSums.Column[] heap;
    /** Rows added per group through the one pass since the last {@link #settle}. */
    private long[] added = new long[256];
    /** A count nobody reads, for the passes after the first when more than three columns are summed. */
    private long[] spare = new long[256];
    private boolean owing;

    DoubleSumsFold(List<Member> members, CountState rowCount) {
        this.members = List.copyOf(members);
        this.rowCount = rowCount;
        this.inputs = new BatchColumn[members.size()];
        this.mapped = new DoubleSums.Column[members.size()];
        this.heap = new DoubleSums.Column[members.size()];
        for (int m = 0; m < members.size(); m++) {
            mapped[m] = new DoubleSums.Column();
            heap[m] = new DoubleSums.Column();
        }
    }

    /**
     * Adds the selected rows of {@code batch}. {@code rowCounter} is what count() is given on
     * the states' own pass (a batch where every column has nulls).
     */
    void accumulate(int[] groupIds, ColumnBatch batch, int groups, BatchColumn rowCounter) {
        boolean nulls = false;
        for (int m = 0; m < inputs.length; m++) {
            inputs[m] = members.get(m).argument().evaluateInPlace(batch);
            nulls |= inputs[m].hasNulls;
        }
        if (nulls) {
            accumulateWithNulls(groupIds, batch, groups, rowCounter);
            return;
        }
        int mappedCount = 0;
        int heapCount = 0;
        for (int m = 0; m < inputs.length; m++) {
            SumState sum = members.get(m).sum();
            if (sum == null) {
                continue;
            }
            BatchColumn input = inputs[m];
            MappedValues values = input.mapped();
            if (values != null) {
                mapped[mappedCount++].mapped(values, sum.doubles(groups));
            } else {
                heap[heapCount++].heap(input.doubles, sum.doubles(groups));
            }
        }
        int[] selection = DoubleSums.positions(batch);
        int rows = batch.selectedCount();
        long[] rowsAdded = added(groups);
        owing = true;
        if (mappedCount + heapCount == 0) {
            DoubleSums.count(groupIds, rows, rowsAdded);
            return;
        }
        long[] counts = rowsAdded;
        for (int from = 0; from < mappedCount; from += DoubleSums.WIDEST) {
            DoubleSums.mapped(mapped, from, Math.min(mappedCount, from + DoubleSums.WIDEST), groupIds, selection,
                    rows, counts);
            counts = spare(groups);
        }
        for (int from = 0; from < heapCount; from += DoubleSums.WIDEST) {
            DoubleSums.heap(heap, from, Math.min(heapCount, from + DoubleSums.WIDEST), groupIds, selection, rows,
                    counts);
            counts = spare(groups);
        }
    }

    /**
     * A batch where some column has nulls: that column's states take their own passes (nulls
     * skipped), every other column its sum and counts one column at a time, count() its own pass.
     */
    private void accumulateWithNulls(int[] groupIds, ColumnBatch batch, int groups, BatchColumn rowCounter) {
        int[] selection = DoubleSums.positions(batch);
        int rows = batch.selectedCount();
        for (int m = 0; m < inputs.length; m++) {
            Member member = members.get(m);
            BatchColumn input = inputs[m];
            if (input.hasNulls) {
                if (member.sum() != null) {
                    member.sum().accumulate(groupIds, input.heap(), batch, groups);
                }
                // count(x) reads only the nulls, which a mapped column has too.
                for (CountState count : member.counts()) {
                    count.accumulate(groupIds, input, batch, groups);
                }
                continue;
            }
            if (member.sum() != null) {
                long[] sumCounts = member.sum().counts(groups);
                double[] sums = member.sum().doubles(groups);
                if (input.mapped() != null) {
                    mapped[0].mapped(input.mapped(), sums);
                    DoubleSums.mapped(mapped, 0, 1, groupIds, selection, rows, sumCounts);
                } else {
                    heap[0].heap(input.doubles, sums);
                    DoubleSums.heap(heap, 0, 1, groupIds, selection, rows, sumCounts);
                }
            }
            for (CountState count : member.counts()) {
                DoubleSums.count(groupIds, rows, count.counts(groups));
            }
        }
        if (rowCount != null) {
            rowCount.accumulate(groupIds, rowCounter, batch, groups);
        }
    }

    /** Adds the rows counted in the one pass to every sum's count and every count: before they are read. */
    void settle(int groups) {
        if (!owing) {
            return;
        }
        long[] rowsAdded = added(groups);
        for (Member member : members) {
            if (member.sum() != null) {
                addTo(member.sum().counts(groups), rowsAdded, groups);
            }
            for (CountState count : member.counts()) {
                addTo(count.counts(groups), rowsAdded, groups);
            }
        }
        if (rowCount != null) {
            addTo(rowCount.counts(groups), rowsAdded, groups);
        }
        Arrays.fill(rowsAdded, 0, groups, 0);
        owing = false;
    }

    /** The states were cleared (a new block), after a {@link #settle}: nothing is owed. */
    void restart() {
        Arrays.fill(added, 0);
        owing = false;
    }

    private static void addTo(long[] counts, long[] rowsAdded, int groups) {
        for (int group = 0; group < groups; group++) {
            counts[group] += rowsAdded[group];
        }
    }

    private long[] added(int groups) {
        if (added.length < groups) {
            added = Arrays.copyOf(added, Math.max(groups, added.length * 2));
        }
        return added;
    }

    private long[] spare(int groups) {
        if (spare.length < groups) {
            spare = new long[Math.max(groups, spare.length * 2)];
        }
        return spare;
    }
}

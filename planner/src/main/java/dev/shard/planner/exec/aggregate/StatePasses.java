package dev.shard.planner.exec.aggregate;

import dev.shard.planner.exec.expr.VectorEvaluator;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.expr.Expr;
import dev.shard.planner.type.DataType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a batch reaches the aggregate states: the sums and counts of every DOUBLE argument
 * without a min or max go through one {@link DoubleSumsFold} pass together (count() rides
 * along); the count, sum, min and max of any other DOUBLE argument through one
 * {@link DoubleColumnFold} pass each (count() rides along with the first when no sums fold
 * took it); every other state through its own pass. A fold whose column has
 * nulls in a batch falls back to its states' own passes for that batch, so results never
 * depend on which way a batch went.
 */
final class StatePasses {
    /** A fold, its argument (evaluated once per batch for all its states) and its states' indices. */
    private record Fold(DoubleColumnFold fold, VectorEvaluator argument, List<Integer> members) {
    }

    private final List<AggregateState> states;
    private final List<VectorEvaluator> arguments;
    private final List<Fold> folds = new ArrayList<>();
    private final List<Integer> alone = new ArrayList<>();
    /** The sums and counts of every DOUBLE column without a min or max, in one pass; null when there is none. */
    private final DoubleSumsFold sums;

    /** {@code arguments.get(s)} and {@code expressions.get(s)} are state s's argument, both null for count(). */
    StatePasses(List<AggregateState> states, List<VectorEvaluator> arguments, List<Expr> expressions) {
        this.states = states;
        this.arguments = arguments;
        Map<Expr, List<Integer>> byColumn = new LinkedHashMap<>();
        List<Integer> rowCounts = new ArrayList<>();
        for (int s = 0; s < states.size(); s++) {
            AggregateState state = states.get(s);
            VectorEvaluator argument = arguments.get(s);
            if (argument == null && state instanceof CountState) {
                rowCounts.add(s);
            } else if (argument != null && argument.type() == DataType.DOUBLE && foldable(state)) {
                byColumn.computeIfAbsent(expressions.get(s), column -> new ArrayList<>()).add(s);
            } else {
                alone.add(s);
            }
        }
        List<DoubleSumsFold.Member> summed = new ArrayList<>();
        for (List<Integer> column : byColumn.values()) {
            if (column.stream().noneMatch(s -> states.get(s) instanceof ExtremeState)) {
                summed.add(member(column));
            }
        }
        if (!summed.isEmpty()) {
            CountState rowCount = rowCounts.isEmpty() ? null : (CountState) states.get(rowCounts.removeFirst());
            sums = new DoubleSumsFold(summed, rowCount);
        } else {
            sums = null;
        }
        for (List<Integer> column : byColumn.values()) {
            if (column.stream().noneMatch(s -> states.get(s) instanceof ExtremeState)) {
                continue;
            }
            List<Integer> members = new ArrayList<>();
            CountState count = null;
            SumState sum = null;
            ExtremeState minimum = null;
            ExtremeState maximum = null;
            if (folds.isEmpty() && !rowCounts.isEmpty()) {
                int first = rowCounts.removeFirst();
                count = (CountState) states.get(first);
                members.add(first);
            }
            for (int s : column) {
                AggregateState state = states.get(s);
                boolean taken = true;
                if (state instanceof CountState c && count == null) {
                    count = c;
                } else if (state instanceof SumState c && sum == null) {
                    sum = c;
                } else if (state instanceof ExtremeState c && c.minimum() && minimum == null) {
                    minimum = c;
                } else if (state instanceof ExtremeState c && !c.minimum() && maximum == null) {
                    maximum = c;
                } else {
                    taken = false;
                }
                (taken ? members : alone).add(s);
            }
            folds.add(new Fold(new DoubleColumnFold(count, sum, minimum, maximum), arguments.get(column.getFirst()),
                    List.copyOf(members)));
        }
        alone.addAll(rowCounts);
    }

    /**
     * A column's states without a min or max: its sum (or mean) and its count(x) states; a second
     * sum of one column cannot occur (sum and mean share a state) and would go alone.
     */
    private DoubleSumsFold.Member member(List<Integer> column) {
        SumState sum = null;
        List<CountState> counts = new ArrayList<>();
        for (int s : column) {
            AggregateState state = states.get(s);
            if (state instanceof SumState c && sum == null) {
                sum = c;
            } else if (state instanceof CountState c) {
                counts.add(c);
            } else {
                alone.add(s);
            }
        }
        return new DoubleSumsFold.Member(arguments.get(column.getFirst()), sum, List.copyOf(counts));
    }

    /** Count of a column (non-null rows), a DOUBLE sum or mean, min or max: what a fold computes. */
    private static boolean foldable(AggregateState state) {
        return state instanceof CountState || state instanceof SumState || state instanceof ExtremeState;
    }

    /**
     * Adds a batch by its INT key without numbering its rows' groups first, when every state is
     * in one fold's cells (W2's count, sum, mean, min and max of one column) and the fold takes the
     * batch ({@link DoubleColumnFold#accumulateByKey}); false, nothing added, otherwise.
     */
    boolean accumulateByKey(IntKeyGroups keys, BatchColumn key, ColumnBatch batch) {
        if (sums != null || !alone.isEmpty() || folds.size() != 1) {
            return false;
        }
        Fold fold = folds.getFirst();
        if (!fold.fold().takesByKey(key, batch)) {
            return false;
        }
        return fold.fold().accumulateByKey(keys, key, fold.argument().evaluateInPlace(batch), batch);
    }

    void accumulate(int[] groupIds, ColumnBatch batch, int groups, BatchColumn rowCounter) {
        if (sums != null) {
            sums.accumulate(groupIds, batch, groups, rowCounter);
        }
        for (Fold fold : folds) {
            BatchColumn input = fold.argument().evaluateInPlace(batch);
            if (!input.hasNulls) {
                fold.fold().accumulate(groupIds, input, batch, groups);
                continue;
            }
            fold.fold().settle(groups);
            input.heap();
            for (int s : fold.members()) {
                states.get(s).accumulate(groupIds, arguments.get(s) == null ? rowCounter : input, batch, groups);
            }
            fold.fold().mark(groups);
        }
        for (int s : alone) {
            VectorEvaluator argument = arguments.get(s);
            // count(x) reads only x's nulls, which a mapped column has too: its values stay in the mapping.
            BatchColumn input = argument == null ? rowCounter
                    : states.get(s) instanceof CountState ? argument.evaluateInPlace(batch) : argument.evaluate(batch);
            states.get(s).accumulate(groupIds, input, batch, groups);
        }
    }

    /** Every state's arrays are complete for groups {@code [0, groups)}: call before exporting them. */
    void settle(int groups) {
        if (sums != null) {
            sums.settle(groups);
        }
        for (Fold fold : folds) {
            fold.fold().settle(groups);
        }
    }

    /** The states were cleared for a new block. */
    void restart() {
        if (sums != null) {
            sums.restart();
        }
        for (Fold fold : folds) {
            fold.fold().restart();
        }
    }
}

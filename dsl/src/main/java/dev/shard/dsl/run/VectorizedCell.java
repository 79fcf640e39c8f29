package dev.shard.dsl.run;

import dev.shard.planner.PlanException;
import dev.shard.planner.exec.expr.ExpressionCompiler;
import dev.shard.planner.exec.expr.VectorEvaluator;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.expr.Call;
import dev.shard.planner.expr.Column;
import dev.shard.planner.expr.Expr;
import dev.shard.planner.expr.Literal;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.rule.FoldConstants;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cell body run by the planner's vectorized evaluator over 4,096-row batches: the row
 * index drives the generator functions exactly as in {@code generate}, {@code col()} is
 * bound to the column being filled and folded (so {@code random(stream = col() + 1)} gets a
 * constant stream, as the evaluator requires), and let-bound vectors are batch columns.
 * Values equal the per-cell {@link CellProgram}'s; a null (an integer % 0) is written as NaN.
 */
record VectorizedCell(Expr template, List<String> vectors, boolean usesColumn) implements Serializable {
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;

    /** The body when the evaluator can run it for every column, else empty. */
    static Optional<VectorizedCell> of(Expr template, List<String> vectors) {
        VectorizedCell cell = new VectorizedCell(template, List.copyOf(vectors), uses(template));
        try {
            return cell.compile(0).type().isNumeric() ? Optional.of(cell) : Optional.empty();
        } catch (PlanException notCompilable) {
            return Optional.empty();
        }
    }

    private Schema schema() {
        return new Schema(vectors.stream().map(name -> Field.of(name, DataType.DOUBLE)).toList());
    }

    private VectorEvaluator compile(long column) {
        Expr bound = FoldConstants.fold(usesColumn ? bind(template, Literal.of(column)) : template);
        return ExpressionCompiler.compile(bound, schema());
    }

    /** Fills cells in a worker; one per shard (the evaluators and the vector batches it keeps are not shared). */
    Filler filler(Map<String, MemorySegment> vectorValues) {
        return new Filler(vectorValues);
    }

    final class Filler {
        private final Map<String, MemorySegment> vectorValues;
        private final Map<Long, BatchColumn[]> vectorBatches = new HashMap<>();
        private VectorEvaluator evaluator;

        private Filler(Map<String, MemorySegment> vectorValues) {
            this.vectorValues = vectorValues;
        }

        /** Rows {@code [firstRow, endRow)} of {@code column}, written from double index {@code at} of {@code target}. */
        void fill(MemorySegment target, long at, long column, long firstRow, long endRow) {
            if (evaluator == null || usesColumn) {
                evaluator = compile(column);
            }
            ColumnBatch batch = new ColumnBatch(vectors.size());
            for (long row = firstRow; row < endRow; row += ColumnBatch.CAPACITY) {
                int size = (int) Math.min(ColumnBatch.CAPACITY, endRow - row);
                batch.reset(row, size);
                BatchColumn[] columns = vectorBatch(row, size);
                for (int k = 0; k < columns.length; k++) {
                    batch.setColumn(k, columns[k]);
                }
                write(evaluator.evaluate(batch), size, target, at + (row - firstRow));
            }
        }

        /** The vectors' values for one batch of rows, read from shared memory once per shard. */
        private BatchColumn[] vectorBatch(long row, int size) {
            return vectorBatches.computeIfAbsent(row, first -> {
                BatchColumn[] columns = new BatchColumn[vectors.size()];
                for (int k = 0; k < columns.length; k++) {
                    MemorySegment values = vectorValues.get(vectors.get(k));
                    long available = values.byteSize() / Double.BYTES;
                    if (first + size > available) {
                        throw new IllegalArgumentException("`" + vectors.get(k) + "` has " + available
                                + " values but row " + (first + size - 1) + " was indexed");
                    }
                    columns[k] = new BatchColumn(DataType.DOUBLE, size);
                    MemorySegment.copy(values, DOUBLE, first * Double.BYTES, columns[k].doubles, 0, size);
                }
                return columns;
            });
        }
    }

    private static void write(BatchColumn values, int size, MemorySegment target, long at) {
        if (values.type() == DataType.DOUBLE) {
            MemorySegment.copy(values.doubles, 0, target, DOUBLE, at * Double.BYTES, size);
        } else {
            for (int i = 0; i < size; i++) {
                target.setAtIndex(DOUBLE, at + i, values.longs[i]);
            }
        }
        if (values.hasNulls) {
            for (int i = 0; i < size; i++) {
                if (values.nulls[i]) {
                    target.setAtIndex(DOUBLE, at + i, Double.NaN);
                }
            }
        }
    }

    private static boolean uses(Expr expr) {
        return expr instanceof Call call && (call.function() == ScalarFunction.COL
                || call.arguments().stream().anyMatch(VectorizedCell::uses));
    }

    private static Expr bind(Expr expr, Literal column) {
        return switch (expr) {
            case Column reference -> reference;
            case Literal literal -> literal;
            case Call call when call.function() == ScalarFunction.COL -> column;
            case Call call -> new Call(call.function(), call.arguments().stream().map(a -> bind(a, column)).toList());
        };
    }
}

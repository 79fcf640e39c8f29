package dev.shard.planner.run;

import dev.shard.planner.exec.RowOrder;
import dev.shard.planner.exec.expr.ExpressionCompiler;
import dev.shard.planner.exec.expr.VectorEvaluator;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.expr.Expr;
import dev.shard.planner.expr.NamedExpr;
import dev.shard.planner.type.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * Filters and derives over an aggregation's result on the driver (a HAVING, a ratio of two
 * aggregates), with the evaluators the workers' pipelines use, one 4,096-row batch at a time:
 * the same null semantics and the same arithmetic, bit for bit, as the same expression in a stage.
 */
final class DriverExpressions {
    private DriverExpressions() {
    }

    /** The rows of {@code table} where {@code predicate} is true (null and false rows dropped), in order. */
    static ColumnTable filter(ColumnTable table, Expr predicate) {
        VectorEvaluator evaluator = ExpressionCompiler.compile(predicate, table.schema());
        int[] kept = new int[table.rows()];
        int count = 0;
        for (int from = 0; from < table.rows(); from += ColumnBatch.CAPACITY) {
            ColumnBatch batch = batch(table, from);
            evaluator.narrow(batch);
            for (int k = 0; k < batch.selectedCount(); k++) {
                kept[count++] = from + batch.selected(k);
            }
        }
        return RowOrder.select(table, java.util.Arrays.copyOf(kept, count));
    }

    /** {@code columns} computed over every row of {@code table}, as a table of schema {@code output}. */
    static ColumnTable project(ColumnTable table, List<NamedExpr> columns, Schema output) {
        List<VectorEvaluator> evaluators = columns.stream()
                .map(column -> ExpressionCompiler.compile(column.expr(), table.schema())).toList();
        List<BatchColumn> results = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            results.add(new BatchColumn(output.fields().get(c).type(), table.rows()));
        }
        for (int from = 0; from < table.rows(); from += ColumnBatch.CAPACITY) {
            ColumnBatch batch = batch(table, from);
            for (int c = 0; c < evaluators.size(); c++) {
                BatchColumn values = evaluators.get(c).evaluate(batch);
                BatchColumn target = results.get(c);
                for (int row = 0; row < batch.size(); row++) {
                    target.copyRow(values, row, from + row);
                }
            }
        }
        return new ColumnTable(output, table.rows(), results);
    }

    /** Rows {@code from ..} of {@code table}, at most one batch, copied into batch columns, every row selected. */
    private static ColumnBatch batch(ColumnTable table, int from) {
        int rows = Math.min(ColumnBatch.CAPACITY, table.rows() - from);
        ColumnBatch batch = new ColumnBatch(table.columns().size());
        for (int c = 0; c < table.columns().size(); c++) {
            BatchColumn source = table.columns().get(c);
            BatchColumn column = new BatchColumn(source.type(), ColumnBatch.CAPACITY);
            for (int row = 0; row < rows; row++) {
                column.copyRow(source, from + row, row);
            }
            batch.setColumn(c, column);
        }
        batch.reset(from, rows);
        return batch;
    }
}

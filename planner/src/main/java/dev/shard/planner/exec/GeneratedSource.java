package dev.shard.planner.exec;

import dev.shard.planner.exec.expr.ExpressionCompiler;
import dev.shard.planner.exec.expr.VectorEvaluator;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.expr.NamedExpr;
import dev.shard.planner.physical.SourceExec.GenerateExec;
import dev.shard.planner.type.Schema;
import java.util.List;

/** Generated columns computed in the worker from the row index alone. */
final class GeneratedSource implements BatchSource {
    private final List<VectorEvaluator> columns;

    GeneratedSource(GenerateExec generate) {
        Schema none = new Schema(List.of());
        this.columns = generate.columns().stream().map(NamedExpr::expr)
                .map(expr -> ExpressionCompiler.compile(expr, none)).toList();
    }

    @Override
    public long boundaryAfter(long row) {
        return Long.MAX_VALUE;
    }

    @Override
    public void fill(ColumnBatch batch, long firstRow, int size) {
        batch.reset(firstRow, size);
        for (int c = 0; c < columns.size(); c++) {
            batch.setColumn(c, columns.get(c).evaluate(batch));
        }
    }
}

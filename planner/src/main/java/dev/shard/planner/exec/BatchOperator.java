package dev.shard.planner.exec;

import dev.shard.planner.exec.expr.ExpressionCompiler;
import dev.shard.planner.exec.expr.VectorEvaluator;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.physical.PipelineExec;
import dev.shard.planner.physical.PipelineExec.FilterExec;
import dev.shard.planner.physical.PipelineExec.HashJoinExec;
import dev.shard.planner.physical.PipelineExec.MapKernelExec;
import dev.shard.planner.physical.PipelineExec.PartitionedJoinExec;
import dev.shard.planner.physical.PipelineExec.ProjectExec;
import dev.shard.runtime.task.ShardContext;
import dev.shard.storage.arrow.SharedArrowTable;
import java.util.List;

/** A pipeline operator compiled for one worker: turns a batch into the next operator's batch. */
interface BatchOperator {
    ColumnBatch apply(ColumnBatch batch);

    /** {@code context} gives a join its broadcast build table (a run input). */
    static BatchOperator compile(PipelineExec exec, ShardContext context) {
        return switch (exec) {
            case FilterExec filter -> {
                VectorEvaluator predicate = ExpressionCompiler.compile(filter.predicate(), filter.input());
                yield batch -> {
                    predicate.narrow(batch);
                    return batch;
                };
            }
            case ProjectExec project -> {
                List<VectorEvaluator> columns = project.columns().stream()
                        .map(column -> ExpressionCompiler.compile(column.expr(), project.input())).toList();
                ColumnBatch out = new ColumnBatch(columns.size());
                yield batch -> {
                    out.selectSameRowsAs(batch);
                    for (int c = 0; c < columns.size(); c++) {
                        // A column passed through stays mapped: the next reader decides whether it needs arrays.
                        out.setColumn(c, columns.get(c).evaluateInPlace(batch));
                    }
                    return out;
                };
            }
            case HashJoinExec join -> new HashJoinOperator(join,
                    BuildTables.of(context.input(join.buildInput(), SharedArrowTable.class), join));
            case MapKernelExec kernel -> new MapKernelOperator(kernel);
            case PartitionedJoinExec join -> new PartitionedJoinReader(join, context);
        };
    }
}

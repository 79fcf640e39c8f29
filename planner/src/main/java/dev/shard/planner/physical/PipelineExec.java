package dev.shard.planner.physical;

import dev.shard.planner.expr.Expr;
import dev.shard.planner.expr.NamedExpr;
import dev.shard.planner.type.Schema;
import java.io.Serializable;
import java.util.List;

/** A streaming operator between a stage's source and its sink; {@code input} is the schema it reads. */
public sealed interface PipelineExec extends Serializable {
    Schema input();

    Schema output();

    /** Declared to the tuner; see OperatorCost. Pipeline operators stream fixed-size batches. */
    OperatorCost cost();

    /** Narrows the batch's selection to the rows where the predicate is true. */
    record FilterExec(Expr predicate, Schema input) implements PipelineExec {
        @Override
        public Schema output() {
            return input;
        }

        @Override
        public OperatorCost cost() {
            return new OperatorCost(0, 1.0);
        }
    }

    /** Computes exactly {@code columns} (select, derive), evaluated over whole batches. */
    record ProjectExec(List<NamedExpr> columns, Schema input, Schema output) implements PipelineExec {
        public ProjectExec {
            columns = List.copyOf(columns);
        }

        @Override
        public OperatorCost cost() {
            return new OperatorCost(0, 1.5 * Math.max(1, columns.size()));
        }
    }
}

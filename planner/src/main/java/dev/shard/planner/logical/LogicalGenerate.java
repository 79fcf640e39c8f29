package dev.shard.planner.logical;

import dev.shard.planner.PlanException;
import dev.shard.planner.expr.Expr;
import dev.shard.planner.expr.NamedExpr;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code generate(rows) {col = expr, ...}}: a synthetic table whose values are functions
 * of the row index alone (WORKLOADS.md), so it is the same for every shard layout.
 * Columns may use only generator functions, literals and arithmetic, not one another.
 */
public record LogicalGenerate(long rows, List<NamedExpr> columns) implements LogicalPlan {
    public LogicalGenerate {
        columns = List.copyOf(columns);
        if (rows < 0) {
            throw new PlanException("generate: the row count must not be negative, got " + rows, "");
        }
        if (columns.isEmpty()) {
            throw new PlanException("generate: no columns", "write generate(n) {x = random(stream = 1)}");
        }
        schemaOf(columns);
    }

    @Override
    public Schema schema() {
        return schemaOf(columns);
    }

    private static Schema schemaOf(List<NamedExpr> columns) {
        Schema empty = new Schema(List.of());
        List<Field> fields = new ArrayList<>();
        for (NamedExpr column : columns) {
            Expr expr = column.expr();
            fields.add(new Field(column.name(), expr.type(empty), expr.nullable(empty)));
        }
        return new Schema(fields);
    }

    @Override
    public List<LogicalPlan> inputs() {
        return List.of();
    }

    @Override
    public LogicalPlan withInputs(List<LogicalPlan> inputs) {
        Inputs.requireCount(this, inputs, 0);
        return this;
    }

    /** The same generator producing only {@code names}. */
    public LogicalGenerate producingOnly(List<String> names) {
        return new LogicalGenerate(rows, columns.stream().filter(c -> names.contains(c.name())).toList());
    }
}

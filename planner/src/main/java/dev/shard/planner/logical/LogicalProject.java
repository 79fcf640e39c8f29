package dev.shard.planner.logical;

import dev.shard.planner.expr.NamedExpr;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import java.util.List;

/**
 * Computes exactly the listed columns, in order: {@code select} directly, {@code derive}
 * as every input column followed by (or replaced by) the new ones.
 */
public record LogicalProject(LogicalPlan input, List<NamedExpr> columns) implements LogicalPlan {
    public LogicalProject {
        columns = List.copyOf(columns);
        schemaOf(input, columns);
    }

    /** {@code derive}: the input's columns plus {@code added} (a same-named column is replaced in place). */
    public static LogicalProject derive(LogicalPlan input, List<NamedExpr> added) {
        List<NamedExpr> all = new java.util.ArrayList<>();
        for (String name : input.schema().names()) {
            NamedExpr replacement = added.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
            all.add(replacement != null ? replacement : NamedExpr.of(name, new dev.shard.planner.expr.Column(name)));
        }
        added.stream().filter(c -> input.schema().indexOf(c.name()) < 0).forEach(all::add);
        return new LogicalProject(input, all);
    }

    @Override
    public Schema schema() {
        return schemaOf(input, columns);
    }

    private static Schema schemaOf(LogicalPlan input, List<NamedExpr> columns) {
        Schema in = input.schema();
        return new Schema(columns.stream()
                .map(c -> new Field(c.name(), c.expr().type(in), c.expr().nullable(in)))
                .toList());
    }

    @Override
    public List<LogicalPlan> inputs() {
        return List.of(input);
    }

    @Override
    public LogicalPlan withInputs(List<LogicalPlan> inputs) {
        Inputs.requireCount(this, inputs, 1);
        return new LogicalProject(inputs.get(0), columns);
    }
}

package dev.shard.planner.logical;

import dev.shard.planner.type.Schema;
import java.util.List;
import java.util.Objects;

/**
 * Rows of a source. {@code schema} lists the columns read, in order: the source's own
 * schema, or fewer columns once projection pruning has run; {@code rows} is the exact row
 * count when the source knows it (files, shared tables), else -1.
 */
public record LogicalScan(TableSource source, Schema schema, long rows) implements LogicalPlan {
    public LogicalScan {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(schema, "schema");
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

    /** The same scan reading only {@code columns}, in the source's order. */
    public LogicalScan readingOnly(List<String> columns) {
        return new LogicalScan(source, new Schema(schema.fields().stream()
                .filter(field -> columns.contains(field.name())).toList()), rows);
    }
}

package dev.shard.planner.explain;

import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.expr.Column;
import dev.shard.planner.expr.NamedExpr;
import dev.shard.planner.logical.JoinKey;
import dev.shard.planner.logical.LogicalAggregate;
import dev.shard.planner.logical.LogicalFilter;
import dev.shard.planner.logical.LogicalGenerate;
import dev.shard.planner.logical.LogicalJoin;
import dev.shard.planner.logical.LogicalLimit;
import dev.shard.planner.logical.LogicalMapKernel;
import dev.shard.planner.logical.LogicalPlan;
import dev.shard.planner.logical.LogicalProject;
import dev.shard.planner.logical.LogicalScan;
import dev.shard.planner.logical.LogicalShardRows;
import dev.shard.planner.logical.LogicalSort;
import dev.shard.planner.logical.LogicalWrite;
import dev.shard.planner.logical.SortKey;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A logical plan as an indented tree, one node per line: its name, then its parameters
 * in a fixed order ({@code Filter predicate=value > 0.5}). Children follow, two spaces
 * deeper, in input order. Used by explain's verbose level and in rule tests.
 */
public final class LogicalPlanText {
    private LogicalPlanText() {
    }

    public static String render(LogicalPlan plan) {
        StringBuilder text = new StringBuilder();
        render(plan, 0, text);
        return text.toString();
    }

    private static void render(LogicalPlan plan, int depth, StringBuilder text) {
        text.append("  ".repeat(depth)).append(name(plan));
        for (Map.Entry<String, String> parameter : parameters(plan)) {
            text.append(' ').append(parameter.getKey()).append('=').append(parameter.getValue());
        }
        text.append('\n');
        for (LogicalPlan input : plan.inputs()) {
            render(input, depth + 1, text);
        }
    }

    /** The node's name as explain prints it. */
    public static String name(LogicalPlan plan) {
        return switch (plan) {
            case LogicalScan scan -> "Scan";
            case LogicalGenerate generate -> "Generate";
            case LogicalFilter filter -> "Filter";
            case LogicalProject project -> "Project";
            case LogicalAggregate aggregate -> "Aggregate";
            case LogicalJoin join -> "Join";
            case LogicalSort sort -> "Sort";
            case LogicalLimit limit -> "Limit";
            case LogicalMapKernel kernel -> "MapKernel";
            case LogicalShardRows shardRows -> "ShardRows";
            case LogicalWrite write -> "Write";
        };
    }

    /** The node's own parameters, in the order explain prints them (inputs excluded). */
    public static List<Map.Entry<String, String>> parameters(LogicalPlan plan) {
        return switch (plan) {
            case LogicalScan scan -> List.of(Map.entry("source", scan.source().describe()),
                    Map.entry("columns", fields(scan.schema())),
                    Map.entry("rows", scan.rows() < 0 ? "unknown" : Long.toString(scan.rows())));
            case LogicalGenerate generate -> List.of(Map.entry("rows", Long.toString(generate.rows())),
                    Map.entry("columns", named(generate.columns())));
            case LogicalFilter filter -> List.of(Map.entry("predicate", filter.predicate().render()));
            case LogicalProject project -> List.of(Map.entry("columns", named(project.columns())));
            case LogicalAggregate aggregate -> List.of(Map.entry("keys", list(aggregate.keys())),
                    Map.entry("aggregates", list(aggregate.aggregates().stream().map(AggregateCall::render).toList())));
            case LogicalJoin join -> List.of(Map.entry("type", join.type().name().toLowerCase(Locale.ROOT)),
                    Map.entry("keys", list(join.keys().stream().map(LogicalPlanText::key).toList())));
            case LogicalSort sort -> List.of(Map.entry("keys", list(sort.keys().stream().map(SortKey::render).toList())));
            case LogicalLimit limit -> List.of(Map.entry("count", Long.toString(limit.count())));
            case LogicalMapKernel kernel -> List.of(Map.entry("class", kernel.kernelClass()),
                    Map.entry("parameters", "{" + kernel.parameters().entrySet().stream()
                            .map(p -> p.getKey() + "=" + p.getValue()).collect(Collectors.joining(", ")) + "}"),
                    Map.entry("output", fields(kernel.outputSchema())),
                    Map.entry("footprintBytesPerRow", Double.toString(kernel.footprintBytesPerRow())));
            case LogicalShardRows shardRows -> List.of(Map.entry("rowsPerShard", Long.toString(shardRows.rowsPerShard())));
            case LogicalWrite write -> List.of(Map.entry("target", write.target().describe()));
        };
    }

    private static String key(JoinKey key) {
        return key.left() + " == " + key.right();
    }

    /** Pass-through columns by name alone; computed ones as {@code name = expr}. */
    private static String named(List<NamedExpr> columns) {
        return list(columns.stream().map(c -> c.expr() instanceof Column column && column.name().equals(c.name())
                ? c.name() : c.name() + " = " + c.expr().render()).toList());
    }

    private static String fields(Schema schema) {
        return list(schema.fields().stream().map(LogicalPlanText::field).toList());
    }

    private static String field(Field field) {
        return field.name() + ":" + field.type().displayName() + (field.nullable() ? "" : " not null");
    }

    private static String list(List<String> items) {
        return "[" + String.join(", ", items) + "]";
    }
}

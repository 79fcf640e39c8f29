package dev.shard.planner.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shard.planner.expr.AggregateCall;
import dev.shard.planner.expr.AggregateFunction;
import dev.shard.planner.expr.NamedExpr;
import dev.shard.planner.logical.JoinKey;
import dev.shard.planner.logical.JoinType;
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
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The logical plan as versioned JSON, {@code {"schemaVersion": 1, "plan": {...}}}: each node
 * is an object with {@code "node"} (scan, generate, filter, ...), its parameters, then its
 * inputs ({@code "input"}, or {@code "left"} and {@code "right"}). Sources and targets are
 * included, so a plan read back is equal to the one written. Reading re-builds every node,
 * which re-checks names and types.
 */
public final class LogicalPlanJson {
    public static final int SCHEMA_VERSION = 1;

    private LogicalPlanJson() {
    }

    public static String write(LogicalPlan plan) {
        ObjectNode root = Json.object();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.set("plan", node(plan));
        return Json.write(root);
    }

    public static LogicalPlan read(String json) {
        JsonNode root = Json.read(json, "plan JSON");
        int version = root.path("schemaVersion").asInt(-1);
        if (version != SCHEMA_VERSION) {
            throw new IllegalArgumentException("plan JSON: schemaVersion " + version + " is not supported; this"
                    + " version of shard reads schemaVersion " + SCHEMA_VERSION);
        }
        return plan(root.path("plan"));
    }

    private static ObjectNode node(LogicalPlan plan) {
        ObjectNode node = Json.object();
        switch (plan) {
            case LogicalScan scan -> {
                node.put("node", "scan");
                node.set("source", SourceJson.write(scan.source()));
                node.set("schema", ExprJson.schema(scan.schema()));
                node.put("rows", scan.rows());
            }
            case LogicalGenerate generate -> {
                node.put("node", "generate");
                node.put("rows", generate.rows());
                node.set("columns", named(generate.columns()));
            }
            case LogicalFilter filter -> {
                node.put("node", "filter");
                node.set("predicate", ExprJson.write(filter.predicate()));
            }
            case LogicalProject project -> {
                node.put("node", "project");
                node.set("columns", named(project.columns()));
            }
            case LogicalAggregate aggregate -> {
                node.put("node", "aggregate");
                ArrayNode keys = node.putArray("keys");
                aggregate.keys().forEach(keys::add);
                ArrayNode calls = node.putArray("aggregates");
                for (AggregateCall call : aggregate.aggregates()) {
                    ObjectNode entry = calls.addObject().put("name", call.name())
                            .put("function", call.function().displayName());
                    entry.set("argument", call.argument() == null ? Json.NODES.nullNode() : ExprJson.write(call.argument()));
                }
            }
            case LogicalJoin join -> {
                node.put("node", "join");
                node.put("type", join.type().name().toLowerCase(Locale.ROOT));
                ArrayNode keys = node.putArray("keys");
                join.keys().forEach(key -> keys.addObject().put("left", key.left()).put("right", key.right()));
            }
            case LogicalSort sort -> {
                node.put("node", "sort");
                ArrayNode keys = node.putArray("keys");
                sort.keys().forEach(key -> keys.addObject().put("column", key.column()).put("descending", key.descending()));
            }
            case LogicalLimit limit -> {
                node.put("node", "limit");
                node.put("count", limit.count());
            }
            case LogicalMapKernel kernel -> {
                node.put("node", "map_kernel");
                node.put("kernelClass", kernel.kernelClass());
                ArrayNode parameters = node.putArray("parameters");
                for (Map.Entry<String, Serializable> parameter : kernel.parameters().entrySet()) {
                    ObjectNode entry = parameters.addObject().put("name", parameter.getKey())
                            .put("type", parameterType(parameter.getValue()));
                    entry.set("value", ExprJson.value(parameter.getValue()));
                }
                node.set("outputSchema", ExprJson.schema(kernel.outputSchema()));
                node.put("footprintBytesPerRow", kernel.footprintBytesPerRow());
            }
            case LogicalShardRows shardRows -> {
                node.put("node", "shard_rows");
                node.put("rowsPerShard", shardRows.rowsPerShard());
            }
            case LogicalWrite write -> {
                node.put("node", "write");
                node.set("target", SourceJson.write(write.target()));
            }
        }
        if (plan instanceof LogicalJoin join) {
            node.set("left", node(join.left()));
            node.set("right", node(join.right()));
        } else if (plan.inputs().size() == 1) {
            node.set("input", node(plan.inputs().get(0)));
        }
        return node;
    }

    private static LogicalPlan plan(JsonNode node) {
        String kind = text(node, "node");
        return switch (kind) {
            case "scan" -> new LogicalScan(SourceJson.readSource(node.path("source")),
                    ExprJson.schema(array(node, "schema")), node.path("rows").asLong(-1));
            case "generate" -> new LogicalGenerate(node.path("rows").asLong(), named(array(node, "columns")));
            case "filter" -> new LogicalFilter(input(node), ExprJson.read(node.path("predicate")));
            case "project" -> new LogicalProject(input(node), named(array(node, "columns")));
            case "aggregate" -> new LogicalAggregate(input(node), strings(array(node, "keys")), aggregates(node));
            case "join" -> new LogicalJoin(plan(node.path("left")), plan(node.path("right")),
                    JoinType.valueOf(text(node, "type").toUpperCase(Locale.ROOT)), joinKeys(node));
            case "sort" -> {
                List<SortKey> keys = new ArrayList<>();
                array(node, "keys").forEach(k -> keys.add(new SortKey(text(k, "column"), k.path("descending").asBoolean())));
                yield new LogicalSort(input(node), keys);
            }
            case "limit" -> new LogicalLimit(input(node), node.path("count").asLong());
            case "map_kernel" -> {
                Map<String, Serializable> parameters = new LinkedHashMap<>();
                for (JsonNode p : array(node, "parameters")) {
                    parameters.put(text(p, "name"), ExprJson.value(p.get("value"), ExprJson.type(text(p, "type"))));
                }
                yield new LogicalMapKernel(input(node), text(node, "kernelClass"), parameters,
                        ExprJson.schema(array(node, "outputSchema")), node.path("footprintBytesPerRow").asDouble());
            }
            case "shard_rows" -> new LogicalShardRows(input(node), node.path("rowsPerShard").asLong());
            case "write" -> new LogicalWrite(input(node), SourceJson.readTarget(node.path("target")));
            default -> throw new IllegalArgumentException("plan JSON: unknown node '" + kind + "'");
        };
    }

    private static LogicalPlan input(JsonNode node) {
        if (!node.has("input")) {
            throw new IllegalArgumentException("plan JSON: node '" + text(node, "node") + "' has no \"input\"");
        }
        return plan(node.get("input"));
    }

    private static ArrayNode named(List<NamedExpr> columns) {
        ArrayNode array = Json.NODES.arrayNode();
        columns.forEach(c -> array.addObject().put("name", c.name()).set("expr", ExprJson.write(c.expr())));
        return array;
    }

    private static List<NamedExpr> named(JsonNode array) {
        List<NamedExpr> columns = new ArrayList<>();
        array.forEach(c -> columns.add(NamedExpr.of(text(c, "name"), ExprJson.read(c.path("expr")))));
        return columns;
    }

    private static List<AggregateCall> aggregates(JsonNode node) {
        List<AggregateCall> calls = new ArrayList<>();
        for (JsonNode call : array(node, "aggregates")) {
            String function = text(call, "function");
            AggregateFunction resolved = AggregateFunction.named(function).orElseThrow(() ->
                    new IllegalArgumentException("plan JSON: unknown aggregate '" + function + "'"));
            JsonNode argument = call.path("argument");
            calls.add(new AggregateCall(text(call, "name"), resolved,
                    argument.isMissingNode() || argument.isNull() ? null : ExprJson.read(argument)));
        }
        return calls;
    }

    private static List<JoinKey> joinKeys(JsonNode node) {
        List<JoinKey> keys = new ArrayList<>();
        array(node, "keys").forEach(k -> keys.add(new JoinKey(text(k, "left"), text(k, "right"))));
        return keys;
    }

    private static String parameterType(Serializable value) {
        return switch (value) {
            case Long number -> "int";
            case Double number -> "double";
            case Boolean bool -> "bool";
            case String text -> "string";
            default -> throw new IllegalArgumentException("kernel parameter of type " + value.getClass().getName()
                    + " has no JSON form; use a Long, Double, Boolean or String");
        };
    }

    private static List<String> strings(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(item -> result.add(item.asText()));
        return result;
    }

    static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("plan JSON: expected a string \"" + key + "\" in " + node);
        }
        return value.textValue();
    }

    static JsonNode array(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || !value.isArray()) {
            throw new IllegalArgumentException("plan JSON: expected an array \"" + key + "\" in " + node);
        }
        return value;
    }
}

package dev.shard.planner.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shard.planner.expr.Call;
import dev.shard.planner.expr.Column;
import dev.shard.planner.expr.Expr;
import dev.shard.planner.expr.Literal;
import dev.shard.planner.expr.ScalarFunction;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Expressions, values and schemas in the plan's JSON form: {@code {"column": "x"}},
 * {@code {"literal": 0.5, "type": "double"}}, {@code {"call": "greater", "arguments": [...]}}
 * (the function's enum name in lower case: {@code -} is both subtract and negate).
 * Non-finite doubles are the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
 */
final class ExprJson {
    private ExprJson() {
    }

    static JsonNode write(Expr expr) {
        ObjectNode node = Json.object();
        switch (expr) {
            case Column column -> node.put("column", column.name());
            case Literal literal -> {
                node.set("literal", value(literal.value()));
                node.put("type", literal.type().displayName());
            }
            case Call call -> {
                node.put("call", call.function().name().toLowerCase(Locale.ROOT));
                ArrayNode arguments = node.putArray("arguments");
                call.arguments().forEach(argument -> arguments.add(write(argument)));
            }
        }
        return node;
    }

    static Expr read(JsonNode node) {
        if (node.has("column")) {
            return new Column(LogicalPlanJson.text(node, "column"));
        }
        if (node.has("literal")) {
            DataType type = type(LogicalPlanJson.text(node, "type"));
            return new Literal(value(node.get("literal"), type), type);
        }
        String name = LogicalPlanJson.text(node, "call");
        ScalarFunction function;
        try {
            function = ScalarFunction.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("plan JSON: unknown function '" + name + "'", unknown);
        }
        List<Expr> arguments = new ArrayList<>();
        LogicalPlanJson.array(node, "arguments").forEach(argument -> arguments.add(read(argument)));
        return new Call(function, arguments);
    }

    /** A typed value: Long, Double, Boolean, String, or null. */
    static JsonNode value(Object value) {
        return switch (value) {
            case null -> Json.NODES.nullNode();
            case Long number -> Json.NODES.numberNode(number);
            case Double number when !Double.isFinite(number) -> Json.NODES.textNode(number.toString());
            case Double number -> Json.NODES.numberNode(number);
            case Boolean bool -> Json.NODES.booleanNode(bool);
            case String text -> Json.NODES.textNode(text);
            default -> throw new IllegalArgumentException("no JSON form for a " + value.getClass().getName());
        };
    }

    static Serializable value(JsonNode node, DataType type) {
        if (node == null || node.isNull()) {
            return null;
        }
        return switch (type) {
            case BOOL -> node.booleanValue();
            case INT -> node.longValue();
            case DOUBLE -> node.isTextual() ? Double.valueOf(node.textValue()) : node.doubleValue();
            case STRING -> node.textValue();
        };
    }

    static DataType type(String name) {
        DataType type = DataType.named(name);
        if (type == null) {
            throw new IllegalArgumentException("plan JSON: unknown type '" + name + "'");
        }
        return type;
    }

    static ArrayNode schema(Schema schema) {
        ArrayNode fields = Json.NODES.arrayNode();
        for (Field field : schema.fields()) {
            fields.addObject().put("name", field.name()).put("type", field.type().displayName())
                    .put("nullable", field.nullable());
        }
        return fields;
    }

    static Schema schema(JsonNode fields) {
        List<Field> result = new ArrayList<>();
        for (JsonNode field : fields) {
            result.add(new Field(LogicalPlanJson.text(field, "name"), type(LogicalPlanJson.text(field, "type")),
                    field.path("nullable").asBoolean(true)));
        }
        return new Schema(result);
    }
}

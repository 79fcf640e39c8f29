package dev.shard.planner.explain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Explain as JSON for tools (schemaVersion 1): exact numbers (bytes, rows, seconds), never
 * human units; a figure not measured yet (actuals before a run) is null. Keys come in a
 * fixed order, so the output is stable and diffs well.
 */
public final class ExplainJson {
    public static final int SCHEMA_VERSION = 1;

    private ExplainJson() {
    }

    public static String write(PlanExplanation plan) {
        ObjectNode root = Json.object();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("analyzed", plan.analyzed());
        root.put("memoryBudgetBytes", plan.memoryBudgetBytes());
        root.put("memoryBudgetSource", plan.memoryBudgetSource());
        root.put("sharedBytes", plan.sharedBytes());
        if (plan.analyzed()) {
            root.put("computeSeconds", plan.computeSeconds());
        } else {
            root.putNull("computeSeconds");
        }
        ArrayNode stages = root.putArray("stages");
        plan.stages().forEach(stage -> stages.add(stage(stage, plan.analyzed())));
        ArrayNode steps = root.putArray("ruleSteps");
        for (PlanExplanation.RuleStep step : plan.ruleSteps()) {
            steps.addObject().put("rule", step.rule()).put("changed", step.changed()).put("plan", step.planText());
        }
        return Json.write(root);
    }

    private static ObjectNode stage(StageExplanation stage, boolean analyzed) {
        ObjectNode node = Json.object();
        node.put("id", stage.id());
        ArrayNode operators = node.putArray("operators");
        for (OperatorExplanation operator : stage.operators()) {
            ObjectNode op = operators.addObject();
            op.put("id", operator.id());
            op.put("name", operator.name());
            op.put("depth", operator.depth());
            op.put("detail", operator.detail());
            ArrayNode parameters = op.putArray("parameters");
            for (Map.Entry<String, String> parameter : operator.parameters()) {
                parameters.addObject().put("key", parameter.getKey()).put("value", parameter.getValue());
            }
            op.put("estRows", operator.estimatedRows());
            putActual(op, "actualRows", operator.actualRows());
        }
        node.put("estRows", stage.estimatedRows());
        putActual(node, "actualRows", stage.actualRows());
        node.put("bytesPerRow", stage.bytesPerRow());
        node.put("shardRows", stage.shardRows());
        node.put("shards", stage.shards());
        node.put("workers", stage.workers());
        node.put("bindingConstraint", stage.bindingConstraint());
        node.put("tunerArithmetic", stage.tunerArithmetic());
        node.put("estPeakPrivateBytesPerWorker", stage.estimatedPeakPrivateBytesPerWorker());
        ArrayNode peaks = node.putArray("actualPeakPrivateBytesPerWorker");
        stage.actualPeakPrivateBytesPerWorker().forEach(peaks::add);
        if (analyzed) {
            node.put("seconds", stage.seconds());
        } else {
            node.putNull("seconds");
        }
        ArrayNode notes = node.putArray("notes");
        stage.notes().forEach(notes::add);
        return node;
    }

    private static void putActual(ObjectNode node, String key, long value) {
        if (value < 0) {
            node.putNull(key);
        } else {
            node.put(key, value);
        }
    }
}

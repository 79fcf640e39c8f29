package dev.shard.planner.matrix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shard.planner.explain.ExplainJson;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;

/**
 * A planned apply in explain's JSON (schemaVersion 1): {@code "kind": "matrixApply"} tells it
 * from a query's plan in a script's array; the figures are exact (bytes, calls), the arithmetic
 * the text's line.
 */
public final class MatrixApplyJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MatrixApplyJson() {
    }

    public static String write(MatrixApplyPlan plan) {
        return write(plan, Optional.empty());
    }

    /**
     * With {@code actuals} (explain --analyze) the run's figures go beside the estimates, named
     * as a query stage's are: {@code actualCalls}, {@code actualShards}, {@code seconds},
     * {@code actualPeakPrivateBytesPerWorker}, {@code retries}, {@code recycles}; null (or empty)
     * before a run.
     */
    public static String write(MatrixApplyPlan plan, Optional<ApplyActuals> actuals) {
        MatrixApply apply = plan.apply();
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("schemaVersion", ExplainJson.SCHEMA_VERSION);
        root.put("kind", "matrixApply");
        root.put("memoryBudgetBytes", plan.memoryBudgetBytes());
        root.put("memoryBudgetSource", plan.memoryBudgetSource());
        root.put("sharedBytes", plan.sharedBytes());
        root.put("matrix", apply.matrix());
        root.put("rows", apply.rows());
        root.put("columns", apply.columns());
        root.put("margin", apply.margin().name().toLowerCase(Locale.ROOT));
        root.put("function", apply.function());
        root.put("into", apply.into());
        ArrayNode sides = root.putArray("sides");
        for (MatrixApply.SideInput side : apply.sides()) {
            sides.addObject().put("name", side.name()).put("bytes", side.bytes());
        }
        root.put("footprintBytesPerCall", apply.footprintBytesPerCall());
        root.put("calls", apply.calls());
        root.put("callsPerShard", plan.callsPerShard());
        root.put("shards", plan.shardCount());
        root.put("workers", plan.workers());
        root.put("bindingConstraint", plan.binding());
        root.put("arithmetic", plan.arithmetic());
        root.put("estPeakPrivateBytesPerWorker", plan.estimatedPeakPrivateBytesPerWorker());
        root.put("analyzed", actuals.isPresent());
        ArrayNode peaks = root.putArray("actualPeakPrivateBytesPerWorker");
        if (actuals.isPresent()) {
            ApplyActuals ran = actuals.get();
            root.put("actualCalls", ran.calls());
            root.put("actualShards", ran.shards());
            root.put("seconds", ran.seconds());
            ran.peakPrivateBytesPerWorker().forEach(peaks::add);
            root.put("retries", ran.retries());
            root.put("recycles", ran.recycles());
        } else {
            root.putNull("actualCalls");
            root.putNull("actualShards");
            root.putNull("seconds");
            root.putNull("retries");
            root.putNull("recycles");
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the apply's explain JSON", e);
        }
    }
}

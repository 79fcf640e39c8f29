package dev.shard.planner.explain;

import java.util.List;
import java.util.Map;

/**
 * One operator of a stage as explain shows it: its name ({@code HashAggregateExec}), its
 * parameters as ordered key/value pairs (renderers own the layout), its depth in the
 * stage's operator tree (0 = the stage's root), the estimated rows it produces and,
 * after a run, the actual rows (-1 before).
 */
public record OperatorExplanation(int id, String name, List<Map.Entry<String, String>> parameters, int depth,
        long estimatedRows, long actualRows) {
    public OperatorExplanation {
        parameters = List.copyOf(parameters);
    }

    /** The parameters as one line: {@code key=value, key=value}. */
    public String detail() {
        return String.join(", ", parameters.stream().map(p -> p.getKey() + "=" + p.getValue()).toList());
    }
}

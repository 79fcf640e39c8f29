package dev.shard.planner.explain;

import dev.shard.runtime.tune.DataShape;
import dev.shard.runtime.tune.MachineProfile;
import dev.shard.runtime.tune.ShardChoice;
import dev.shard.runtime.tune.ShardTuner;
import dev.shard.runtime.tune.TuneRequest;
import java.util.List;
import java.util.Map;

/** A two-stage W2 explanation (generate → filter → partial aggregate, then the merge) with a pinned machine. */
final class Explanations {
    static final long MIB = 1L << 20;
    static final MachineProfile MACHINE = new MachineProfile(2, 42 * MIB, 92_000);
    static final long BUDGET = 4L << 30;
    static final long SHARED = 305 * MIB;

    private Explanations() {
    }

    static PlanExplanation w2(boolean analyzed) {
        ShardChoice scan = ShardTuner.choose(new TuneRequest(new DataShape(20_000_000, 16), MACHINE, BUDGET, SHARED,
                3.1, 2.0, 0, TuneRequest.ENGINE_BLOCK_ROWS));
        ShardChoice merge = ShardTuner.choose(new TuneRequest(new DataShape(2_000, 24), MACHINE, BUDGET, SHARED,
                2.0, 50.0, 0, TuneRequest.ENGINE_BLOCK_ROWS));
        StageExplanation first = new StageExplanation(1, List.of(
                new OperatorExplanation(1, "HashAggregateExec", List.of(Map.entry("mode", "partial"),
                        Map.entry("keys", "[key]"), Map.entry("aggregates", "[n = count(), total = sum(value)]")), 0,
                        2_000, analyzed ? 2_000 : -1),
                new OperatorExplanation(2, "FilterExec", List.of(Map.entry("predicate", "value > 0.5")), 1,
                        10_000_000, analyzed ? 3_000_000 : -1),
                new OperatorExplanation(3, "GenerateExec", List.of(Map.entry("rows", "20000000"),
                        Map.entry("columns", "[key = random_int(1000, 1), value = random(2)]")), 2, 20_000_000,
                        analyzed ? 20_000_000 : -1)),
                20_000_000, analyzed ? 20_000_000 : -1, 16, scan.rowsPerShard(), scan.shards(), 2,
                scan.binding().displayName(), scan.arithmetic(), scan.estimatedPeakPrivateBytesPerWorker(),
                analyzed ? List.of(150 * MIB, 161 * MIB) : List.of(), analyzed ? 0.8125 : 0, List.of());
        StageExplanation second = new StageExplanation(2, List.of(
                new OperatorExplanation(4, "HashAggregateExec", List.of(Map.entry("mode", "final"),
                        Map.entry("keys", "[key]")), 0, 1_000, analyzed ? 1_000 : -1)),
                2_000, analyzed ? 2_000 : -1, 24, merge.rowsPerShard(), merge.shards(), 2,
                merge.binding().displayName(), merge.arithmetic(), merge.estimatedPeakPrivateBytesPerWorker(),
                analyzed ? List.of(44 * MIB, 300 * MIB) : List.of(), analyzed ? 0.004 : 0,
                List.of("partials merge in block order, so the result is the same for every layout"));
        List<PlanExplanation.RuleStep> steps = List.of(
                new PlanExplanation.RuleStep("fold_constants", false, "Filter predicate=value > 0.5\n  Generate rows=20000000 columns=[key = random_int(1000, 1), value = random(2)]\n"),
                new PlanExplanation.RuleStep("push_down_filter", true, "Generate rows=20000000 columns=[key = random_int(1000, 1), value = random(2)]\n"));
        return new PlanExplanation(List.of(first, second), BUDGET, SHARED, analyzed, analyzed ? 0.8165 : 0, steps);
    }
}

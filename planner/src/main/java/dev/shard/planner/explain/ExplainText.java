package dev.shard.planner.explain;

import dev.shard.runtime.tune.HumanUnits;
import java.util.ArrayList;
import java.util.List;

/**
 * Explain as indented text, for people and golden files: a header, then per stage a line
 * with its rows, shards, workers and estimated peak, its operators indented by depth with
 * their parameters and estimated rows, and the tuner's arithmetic. With a run's actuals
 * each figure is followed by the actual one, and {@code !} marks every estimate off by
 * more than 2×. The verbose level adds the logical plan after each rule. Row counts are
 * exact ({@code 20,000,000}); the tuner's line uses {@link HumanUnits#rows} (decimal K = 1,000,
 * exact), so a shard size pasted into a script's {@code shard rows <n>} pins the same rows.
 */
public final class ExplainText {
    /** An estimate this many times above or below the actual figure is flagged. */
    public static final double FLAG_RATIO = 2.0;

    private ExplainText() {
    }

    public static String render(PlanExplanation plan, ExplainLevel level) {
        StringBuilder text = new StringBuilder();
        text.append("Plan — memory budget ").append(HumanUnits.bytes(plan.memoryBudgetBytes())).append(" (")
                .append(plan.memoryBudgetSource()).append("), ")
                .append(HumanUnits.bytes(plan.sharedBytes())).append(" shared, ").append(count(plan.stages().size(),
                        "stage"));
        if (plan.analyzed()) {
            text.append(", compute ").append(seconds(plan.computeSeconds()));
        }
        text.append('\n');
        if (plan.analyzed()) {
            text.append("(! marks an estimate off by more than 2× from the actual figure)\n");
        }
        for (StageExplanation stage : plan.stages()) {
            renderStage(stage, plan.analyzed(), text);
        }
        if (level == ExplainLevel.VERBOSE) {
            for (PlanExplanation.RuleStep step : plan.ruleSteps()) {
                text.append("After rule ").append(step.rule()).append(step.changed() ? " (changed)" : " (unchanged)")
                        .append(":\n");
                step.planText().lines().forEach(line -> text.append("  ").append(line).append('\n'));
            }
        }
        return text.toString();
    }

    private static void renderStage(StageExplanation stage, boolean analyzed, StringBuilder text) {
        text.append("Stage ").append(stage.id()).append(" — ").append(HumanUnits.count(stage.estimatedRows()))
                .append(" rows");
        if (analyzed) {
            text.append(actual(stage.estimatedRows(), stage.actualRows(), HumanUnits.count(stage.actualRows())));
        }
        text.append(", ").append(count(stage.shards(), "shard")).append(" of ").append(HumanUnits.count(stage.shardRows()))
                .append(" rows on ").append(count(stage.workers(), "worker")).append(", est. peak ")
                .append(HumanUnits.bytes(stage.estimatedPeakPrivateBytesPerWorker())).append("/worker");
        long actualPeak = stage.actualPeakPrivateBytesPerWorker().stream().mapToLong(Long::longValue).max().orElse(-1);
        if (analyzed) {
            text.append(actual(stage.estimatedPeakPrivateBytesPerWorker(), actualPeak, HumanUnits.bytes(actualPeak)))
                    .append(", ").append(seconds(stage.seconds()));
        }
        text.append('\n');
        for (OperatorExplanation operator : stage.operators()) {
            text.append("  ".repeat(operator.depth() + 1)).append(operator.name());
            if (!operator.parameters().isEmpty()) {
                text.append(' ').append(operator.detail());
            }
            text.append(" — est. ").append(HumanUnits.count(operator.estimatedRows())).append(" rows");
            if (analyzed) {
                text.append(actual(operator.estimatedRows(), operator.actualRows(),
                        HumanUnits.count(operator.actualRows())));
            }
            text.append('\n');
        }
        text.append("  ").append(stage.tunerArithmetic()).append('\n');
        if (analyzed && !stage.actualPeakPrivateBytesPerWorker().isEmpty()) {
            List<String> workers = new ArrayList<>();
            for (int slot = 0; slot < stage.actualPeakPrivateBytesPerWorker().size(); slot++) {
                workers.add("w" + slot + " " + HumanUnits.bytes(stage.actualPeakPrivateBytesPerWorker().get(slot)));
            }
            text.append("  peak private per worker: ").append(String.join(", ", workers)).append('\n');
        }
        stage.notes().forEach(note -> text.append("  note: ").append(note).append('\n'));
    }

    /** {@code  (actual 1.2M)} and a {@code !} when the estimate is off by more than 2×; nothing when not measured. */
    private static String actual(long estimate, long actual, String shown) {
        if (actual < 0) {
            return " (actual unknown)";
        }
        return " (actual " + shown + (offByMoreThanTwice(estimate, actual) ? " !)" : ")");
    }

    /** Whether {@code estimate} is more than 2× above or below {@code actual}. */
    public static boolean offByMoreThanTwice(long estimate, long actual) {
        return estimate > FLAG_RATIO * actual || actual > FLAG_RATIO * estimate;
    }

    private static String seconds(double seconds) {
        return HumanUnits.nanos(seconds * 1e9);
    }

    private static String count(long value, String noun) {
        return HumanUnits.count(value) + " " + noun + (value == 1 ? "" : "s");
    }
}

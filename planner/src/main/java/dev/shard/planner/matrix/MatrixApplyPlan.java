package dev.shard.planner.matrix;

import dev.shard.runtime.task.Shards;
import dev.shard.runtime.tune.HumanUnits;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A sized apply: {@code shards} contiguous shards of {@code callsPerShard} calls (the last one
 * shorter), why (the binding constraint and the tuner's arithmetic), and what a worker holds.
 *
 * @param sharedBytes bytes in shared segments while the apply runs: what the session had
 *                    shared plus the matrix and side inputs when they were not counted yet
 */
public record MatrixApplyPlan(MatrixApply apply, long callsPerShard, int shardCount, int workers, String binding,
        String arithmetic, long estimatedPeakPrivateBytesPerWorker, long memoryBudgetBytes, String memoryBudgetSource,
        long sharedBytes) {

    /** The layout the runtime runs: contiguous calls, so results come back in row or column order. */
    public Shards shards() {
        return Shards.contiguous(apply.calls(), callsPerShard);
    }

    /** Explain's text: a head line, the stage, its operator, and the tuner's line. */
    public String explainText() {
        return explainText(Optional.empty());
    }

    /**
     * Explain's text, with what the run did beside each estimate when {@code actuals} is given
     * (explain --analyze): calls, peak private memory, seconds, then each worker's peak.
     */
    public String explainText(Optional<ApplyActuals> actuals) {
        String budget = memoryBudgetBytes > 0 ? HumanUnits.bytes(memoryBudgetBytes) + " (" + memoryBudgetSource + ")"
                : "none";
        String sides = apply.sides().isEmpty() ? "none" : apply.sides().stream()
                .map(side -> side.name() + " (" + HumanUnits.bytes(side.bytes()) + ")")
                .collect(Collectors.joining(", "));
        return "Plan — memory budget " + budget + ", " + HumanUnits.bytes(sharedBytes) + " shared, 1 apply"
                + actuals.map(ran -> ", compute " + HumanUnits.nanos(ran.seconds() * 1e9)).orElse("") + "\n"
                + actuals.map(ran -> "(! marks an estimate off by more than 2× from the actual figure)\n").orElse("")
                + String.format(Locale.ROOT, "Apply — %,d calls%s (one per %s of %s), %,d %s of %,d %s on %d %s,"
                        + " est. peak %s/worker%s%n", apply.calls(),
                        actuals.map(ran -> actual(apply.calls(), ran.calls(), String.format(Locale.ROOT, "%,d",
                                ran.calls()))).orElse(""),
                        apply.marginName(), apply.matrix(), shardCount,
                        shardCount == 1 ? "shard" : "shards", callsPerShard, callsPerShard == 1 ? "call" : "calls",
                        workers, workers == 1 ? "worker" : "workers",
                        HumanUnits.bytes(estimatedPeakPrivateBytesPerWorker),
                        actuals.map(this::actualPeakAndTime).orElse(""))
                + String.format(Locale.ROOT, "  MatrixApplyExec function=%s, matrix=%s [%,d × %,d doubles, %s shared,"
                        + " read in place], sides=%s — %,d results into %s%n", apply.function(), apply.matrix(),
                        apply.rows(), apply.columns(), HumanUnits.bytes(apply.matrixBytes()), sides, apply.calls(),
                        apply.into())
                + "  " + arithmetic + "\n"
                + actuals.map(ApplyActualsText::workers).orElse("")
                + "  note: each call's result depends on its " + apply.marginName()
                + " alone: the results do not depend on the shard layout\n";
    }

    private String actualPeakAndTime(ApplyActuals ran) {
        long peak = ran.largestPeakPrivateBytes();
        return actual(estimatedPeakPrivateBytesPerWorker, peak, HumanUnits.bytes(peak)) + ", "
                + HumanUnits.nanos(ran.seconds() * 1e9) + ApplyActualsText.retriesAndRecycles(ran);
    }

    private static String actual(long estimate, long actual, String shown) {
        return ApplyActualsText.actual(estimate, actual, shown);
    }
}

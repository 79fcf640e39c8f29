package dev.shard.planner.run;

import dev.shard.planner.physical.PlanningContext;
import dev.shard.runtime.report.RunReport;
import dev.shard.runtime.tune.HumanUnits;
import java.util.List;
import java.util.Optional;

/**
 * The run's measured peak against its budget: shared bytes (published inputs and the
 * stage's output files) plus the workers' private memory at one moment, the largest sum
 * any sampling round read (the pool reads every worker together every 100 ms and at the
 * run's end). Summing each worker's own peak would over-count, as workers peak at
 * different times; that sum is used only when a report has no sampling round, and the
 * note then says it is an upper bound.
 *
 * @param bytes the figure; -1 when nothing ran
 * @param what  what the figure adds up, as the note prints it
 */
record MeasuredPeak(long bytes, String what) {
    static final MeasuredPeak NOTHING_RAN = new MeasuredPeak(-1, "nothing ran");
    static final String SIMULTANEOUS = "shared + all workers' private memory at the same sampling moment";
    static final String SUM_OF_PEAKS = "shared + Σ workers' peak private, an upper bound: no sampling round was read";

    static MeasuredPeak of(PlanningContext context, Optional<RunReport> report, long stageOutputBytes) {
        if (report.isEmpty()) {
            return NOTHING_RAN;
        }
        long shared = context.sharedBytes() + stageOutputBytes;
        long simultaneous = report.get().peakSimultaneousPrivateBytes();
        if (simultaneous >= 0) {
            return new MeasuredPeak(shared + simultaneous, SIMULTANEOUS);
        }
        long privatePeaks = report.get().workers().stream().mapToLong(w -> Math.max(0, w.peakPrivateBytes())).sum();
        return new MeasuredPeak(shared + privatePeaks, SUM_OF_PEAKS);
    }

    /** A note when the measured peak exceeds the budget; none without a budget or a run. */
    List<String> notes(PlanningContext context) {
        long budget = context.memoryBudgetBytes();
        if (budget <= 0 || bytes <= budget) {
            return List.of();
        }
        return List.of("measured peak " + HumanUnits.bytes(bytes) + " (" + what + ") exceeds the memory budget "
                + HumanUnits.bytes(budget) + " (" + context.memoryBudgetSource() + "): raise the budget, or pin"
                + " fewer rows per shard");
    }

    /** {@code report} with the notes added to its recommendations. */
    static Optional<RunReport> flagged(Optional<RunReport> report, List<String> notes) {
        if (report.isEmpty() || notes.isEmpty()) {
            return report;
        }
        return Optional.of(report.get().withRecommendations(notes));
    }
}

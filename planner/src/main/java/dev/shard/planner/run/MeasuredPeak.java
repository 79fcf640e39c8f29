package dev.shard.planner.run;

import dev.shard.planner.physical.PlanningContext;
import dev.shard.runtime.report.RunReport;
import dev.shard.runtime.tune.HumanUnits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The run's measured peak against its budget: shared bytes (published inputs and the
 * stage's output files) plus every worker's sampled peak private memory. The sum is an
 * upper bound of the true simultaneous peak (workers peak at different moments), so a
 * flag means "may have exceeded", and never misses a real excess.
 */
final class MeasuredPeak {
    private MeasuredPeak() {
    }

    /** Bytes: shared plus Σ workers' peak private; -1 when nothing ran. */
    static long of(PlanningContext context, Optional<RunReport> report, long stageOutputBytes) {
        if (report.isEmpty()) {
            return -1;
        }
        long privatePeaks = report.get().workers().stream().mapToLong(w -> Math.max(0, w.peakPrivateBytes())).sum();
        return context.sharedBytes() + stageOutputBytes + privatePeaks;
    }

    /** A note when the measured peak exceeds the budget; none without a budget or a run. */
    static List<String> notes(PlanningContext context, long peak) {
        long budget = context.memoryBudgetBytes();
        if (budget <= 0 || peak <= budget) {
            return List.of();
        }
        return List.of("measured peak " + HumanUnits.bytes(peak) + " (shared + Σ workers' peak private) exceeds the"
                + " memory budget " + HumanUnits.bytes(budget) + ": raise the budget, or pin fewer rows per shard");
    }

    /** {@code report} with the notes added to its recommendations. */
    static Optional<RunReport> flagged(Optional<RunReport> report, List<String> notes) {
        if (report.isEmpty() || notes.isEmpty()) {
            return report;
        }
        RunReport r = report.get();
        List<String> recommendations = new ArrayList<>(r.recommendations());
        recommendations.addAll(notes);
        return Optional.of(new RunReport(r.schemaVersion(), r.status(), r.timings(), r.shards(), r.workers(),
                r.recycles(), r.deaths(), r.copies(), r.sharedBytes(), r.shardTimes(), r.failures(), recommendations));
    }
}

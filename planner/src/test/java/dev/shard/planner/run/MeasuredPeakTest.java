package dev.shard.planner.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.physical.PlanningContext;
import dev.shard.runtime.report.RunReport;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The measured peak is shared bytes plus the workers' private memory at one moment (the
 * largest sum a sampling round read), not the sum of peaks reached at different times;
 * a run above its budget is flagged with what the figure is, one within it is not.
 */
class MeasuredPeakTest {
    private static final long MIB = 1L << 20;

    /** Two workers that peaked at 200 MiB each, at different moments: together never above 250 MiB. */
    private static RunReport report(long peakSimultaneousPrivateBytes) {
        List<RunReport.WorkerReport> workers = List.of(
                new RunReport.WorkerReport(0, 11, 40 * MIB, 200 * MIB, 50 * MIB, 300 * MIB, 10, 0, 200),
                new RunReport.WorkerReport(1, 12, 40 * MIB, 200 * MIB, 50 * MIB, 300 * MIB, 10, 0, 200));
        return new RunReport(RunReport.SCHEMA_VERSION, "succeeded", new RunReport.Timings(0, 0, 1, 1),
                new RunReport.ShardCounts(20, 20, 0, 0), workers, List.of(), List.of(),
                new RunReport.Copies(0, 0, List.of()), 0, new RunReport.ShardTimes(0.01, 0.02, 0.03), List.of(),
                List.of(), RunReport.Limits.NONE, peakSimultaneousPrivateBytes);
    }

    @Test
    void workersPeakingAtDifferentTimesAreNotAddedUp() {
        PlanningContext context = new PlanningContext(2, 320 * MIB, 50 * MIB);
        MeasuredPeak peak = MeasuredPeak.of(context, Optional.of(report(250 * MIB)), 10 * MIB);
        assertEquals(new MeasuredPeak(310 * MIB, MeasuredPeak.SIMULTANEOUS), peak);
        assertEquals(List.of(), peak.notes(context), "Σ of peaks (460 MiB) would have flagged this run");
    }

    @Test
    void aSimultaneousPeakAboveTheBudgetIsFlaggedWithWhatItAddsUp() {
        PlanningContext context = new PlanningContext(2, 256 * MIB, 50 * MIB);
        List<String> notes = MeasuredPeak.of(context, Optional.of(report(250 * MIB)), 0).notes(context);
        assertEquals(List.of("measured peak 300 MiB (shared + all workers' private memory at the same sampling"
                + " moment) exceeds the memory budget 256 MiB (set): raise the budget, or pin fewer rows per shard"),
                notes);
    }

    @Test
    void withoutASamplingRoundTheSumOfPeaksIsUsedAndCalledAnUpperBound() {
        PlanningContext context = new PlanningContext(2, 256 * MIB, 0);
        MeasuredPeak peak = MeasuredPeak.of(context, Optional.of(report(-1)), 0);
        assertEquals(400 * MIB, peak.bytes());
        assertTrue(peak.notes(context).getFirst().contains("(shared + Σ workers' peak private, an upper bound: no"
                + " sampling round was read)"), peak.notes(context)::toString);
    }

    @Test
    void aPeakWithinTheBudgetOrWithoutOneIsNotFlagged() {
        assertEquals(List.of(), new MeasuredPeak(256 * MIB, MeasuredPeak.SIMULTANEOUS)
                .notes(new PlanningContext(2, 256 * MIB, 0)));
        assertEquals(List.of(), new MeasuredPeak(300 * MIB, MeasuredPeak.SIMULTANEOUS)
                .notes(new PlanningContext(2, 0, 0)));
        assertEquals(MeasuredPeak.NOTHING_RAN, MeasuredPeak.of(new PlanningContext(2, 0, 0), Optional.empty(), 0));
    }

    @Test
    void flaggingKeepsTheReportsLimitsAndSimultaneousPeak() {
        RunReport flagged = MeasuredPeak.flagged(Optional.of(report(250 * MIB)), List.of("over")).orElseThrow();
        assertEquals(List.of("over"), flagged.recommendations());
        assertEquals(250 * MIB, flagged.peakSimultaneousPrivateBytes());
    }
}

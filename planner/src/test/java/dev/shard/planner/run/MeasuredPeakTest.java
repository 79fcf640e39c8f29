package dev.shard.planner.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.physical.PlanningContext;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A run whose measured peak passes its budget is flagged; one within it, or without a budget, is not. */
class MeasuredPeakTest {
    private static final long MIB = 1L << 20;

    @Test
    void aPeakAboveTheBudgetIsFlaggedWithBothFigures() {
        List<String> notes = MeasuredPeak.notes(new PlanningContext(2, 256 * MIB, 0), 300 * MIB);
        assertEquals(1, notes.size());
        assertTrue(notes.getFirst().startsWith("measured peak 300 MiB (shared + Σ workers' peak private) exceeds the"
                + " memory budget 256 MiB"), notes.getFirst());
    }

    @Test
    void aPeakWithinTheBudgetOrWithoutOneIsNotFlagged() {
        assertEquals(List.of(), MeasuredPeak.notes(new PlanningContext(2, 256 * MIB, 0), 256 * MIB));
        assertEquals(List.of(), MeasuredPeak.notes(new PlanningContext(2, 0, 0), 300 * MIB));
        assertEquals(-1, MeasuredPeak.of(new PlanningContext(2, 0, 0), Optional.empty(), 0));
    }
}

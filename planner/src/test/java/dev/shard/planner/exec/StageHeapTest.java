package dev.shard.planner.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When a worker gives heap back before a stage: the thresholds, as data. */
class StageHeapTest {
    private static final long MIB = 1L << 20;

    @Test
    void aStageAfterALargerOneGetsTheHeapBack() {
        // The stage after a partitioned join at a 440 MiB budget: needs 17 MiB, the join left 117 MiB committed.
        assertTrue(StageHeap.worthTrimming(117 * MIB, 13 * MIB, 17 * MIB));
    }

    @Test
    void anExcessWithinTheMarginIsLeft() {
        assertEquals(32 * MIB, new StageHeapNeed(17 * MIB, 1).excessAllowed(), "at least 32 MiB");
        assertFalse(StageHeap.worthTrimming(49 * MIB, 13 * MIB, 17 * MIB), "exactly the margin over");
        assertTrue(StageHeap.worthTrimming(49 * MIB + 1, 13 * MIB, 17 * MIB));
    }

    @Test
    void aHeapUpToTwiceTheNeedIsWhatTheStageGrowsItself() {
        // Serial keeps up to 40% of the old generation free: a stage at its estimate commits up to 1.67×.
        assertEquals(200 * MIB, new StageHeapNeed(200 * MIB, 1).excessAllowed());
        assertFalse(StageHeap.worthTrimming(334 * MIB, 13 * MIB, 200 * MIB));
        assertFalse(StageHeap.worthTrimming(400 * MIB, 13 * MIB, 200 * MIB));
        assertTrue(StageHeap.worthTrimming(401 * MIB, 13 * MIB, 200 * MIB));
    }

    @Test
    void aHeapThatCannotShrinkBelowItsInitialSizeIsNotCollectedInVain() {
        // A user's -Xms300m: the serial collector never shrinks below it.
        assertFalse(StageHeap.worthTrimming(310 * MIB, 300 * MIB, 17 * MIB));
        assertTrue(StageHeap.worthTrimming(340 * MIB, 300 * MIB, 17 * MIB));
    }

    @Test
    void anUnknownNeedNeverTrims() {
        assertFalse(StageHeap.worthTrimming(2048 * MIB, 13 * MIB, 0));
        assertEquals(0, StageHeap.fitBeforeShard(StageHeapNeed.NONE));
    }
}

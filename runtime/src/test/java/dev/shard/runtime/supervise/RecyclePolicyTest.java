package dev.shard.runtime.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecyclePolicyTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void nothingHappensWithLimitsOff() {
        RecyclePolicy off = new RecyclePolicy(0, 0, 0, 0);
        assertEquals(Optional.empty(), off.atTaskBoundary(new RecyclePolicy.WorkerFigures(100 * MIB, MIB, 1_000_000)));
        assertEquals(Long.MAX_VALUE, off.remainingTasks(1_000));
    }

    @Test
    void eachReasonFiresAtItsThreshold() {
        RecyclePolicy policy = new RecyclePolicy(200 * MIB, 400 * MIB, 0.5, 100);
        assertEquals(Optional.empty(), boundary(policy, 150 * MIB, 100 * MIB, 99), "exactly at drift: no");
        assertEquals(Optional.of(RecycleReason.DRIFT), boundary(policy, 151 * MIB, 100 * MIB, 10));
        assertEquals(Optional.of(RecycleReason.LIMIT), boundary(policy, 201 * MIB, 190 * MIB, 10));
        assertEquals(Optional.of(RecycleReason.HARD_LIMIT), boundary(policy, 401 * MIB, 100 * MIB, 10));
        assertEquals(Optional.of(RecycleReason.MAX_TASKS), boundary(policy, 100 * MIB, 100 * MIB, 100));
    }

    @Test
    void onlyTheHardLimitActsBetweenTaskBoundaries() {
        RecyclePolicy policy = new RecyclePolicy(200 * MIB, 400 * MIB, 0.5, 100);
        assertEquals(Optional.empty(), policy.immediate(new RecyclePolicy.WorkerFigures(300 * MIB, 100 * MIB, 500)));
        assertEquals(Optional.of(RecycleReason.HARD_LIMIT),
                policy.immediate(new RecyclePolicy.WorkerFigures(401 * MIB, 100 * MIB, 0)));
    }

    @Test
    void theMostSevereReasonWins() {
        RecyclePolicy policy = new RecyclePolicy(200 * MIB, 0, 0.1, 1);
        assertEquals(Optional.of(RecycleReason.LIMIT), boundary(policy, 300 * MIB, 100 * MIB, 5));
    }

    @Test
    void driftNeedsABaseline() {
        RecyclePolicy policy = new RecyclePolicy(0, 0, 0.1, 0);
        assertEquals(Optional.empty(), boundary(policy, 300 * MIB, -1, 5));
    }

    @Test
    void theTaskBudgetCountsDown() {
        RecyclePolicy policy = new RecyclePolicy(0, 0, 0, 10);
        assertEquals(10, policy.remainingTasks(0));
        assertEquals(3, policy.remainingTasks(7));
        assertEquals(0, policy.remainingTasks(12));
    }

    private static Optional<RecycleReason> boundary(RecyclePolicy policy, long privateBytes, long baseline, long tasks) {
        return policy.atTaskBoundary(new RecyclePolicy.WorkerFigures(privateBytes, baseline, tasks));
    }
}

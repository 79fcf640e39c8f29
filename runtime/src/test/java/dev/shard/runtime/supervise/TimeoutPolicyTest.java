package dev.shard.runtime.supervise;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The driver's timeout backstop against a fake clock (times in nanoseconds). */
class TimeoutPolicyTest {
    private static final long SECOND = 1_000_000_000L;
    private final TimeoutPolicy policy = new TimeoutPolicy(SECOND, 2 * SECOND);

    @Test
    void aBatchGetsItsShardsTimeoutsPlusGrace() {
        assertFalse(policy.overdue(5 * SECOND, 0, 0, 3), "exactly 3 s + 2 s grace");
        assertTrue(policy.overdue(5 * SECOND + 1, 0, 0, 3));
    }

    @Test
    void thePrefetchedBatchCountsFromTheEndOfTheOneBeforeIt() {
        // Dispatched at 0 but queued behind a batch that finished at 10 s.
        assertFalse(policy.overdue(12 * SECOND, 0, 10 * SECOND, 1));
        assertTrue(policy.overdue(13 * SECOND + 1, 0, 10 * SECOND, 1));
    }

    @Test
    void noTimeoutNeverFires() {
        assertFalse(new TimeoutPolicy(0, 0).overdue(Long.MAX_VALUE / 2, 0, 0, 1));
    }
}

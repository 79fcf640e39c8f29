package dev.shard.runtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.supervise.SystemMemory;
import org.junit.jupiter.api.Test;

/** Default hard limits follow the container's memory, not the host's. */
class PoolLimitsTest {
    private static final SystemMemory CONTAINER = new SystemMemory(3L << 30,
            "cgroup v2 memory.max (/sys/fs/cgroup/ctr/memory.max)");

    @Test
    void aContainerOfThreeGibibytesGivesTwoWorkersAndTheDriverAShareEach() {
        PoolLimits limits = PoolLimits.of(0, 0, 2, CONTAINER);
        assertEquals((long) ((3L << 30) * 0.9 / 3), limits.hardLimit());
        assertTrue(limits.source().contains("cgroup v2 memory.max"), limits.source());
    }

    @Test
    void theDerivedLimitSaysWhereItCameFromInTheWordsItAlwaysUsed() {
        assertEquals("hardLimit derived: 90% of 3221225472 bytes from cgroup v2 memory.max"
                + " (/sys/fs/cgroup/ctr/memory.max), shared by 2 workers and the driver",
                PoolLimits.of(0, 0, 2, CONTAINER).source());
    }

    @Test
    void aLimitTheCallerSetIsKept() {
        assertEquals(new PoolLimits(1L << 30, "set"), PoolLimits.of(0, 1L << 30, 2, CONTAINER));
    }

    @Test
    void theDerivedHardLimitIsNeverBelowTheMemoryLimit() {
        assertEquals(2L << 30, PoolLimits.of(2L << 30, 0, 8, CONTAINER).hardLimit());
    }

    @Test
    void unknownMemoryMeansNoDefault() {
        assertEquals(0, PoolLimits.of(0, 0, 2, new SystemMemory(0, SystemMemory.UNKNOWN)).hardLimit());
    }
}

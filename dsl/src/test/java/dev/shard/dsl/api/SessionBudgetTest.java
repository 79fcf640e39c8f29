package dev.shard.dsl.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.api.DefaultMemoryBudget;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A session's default budget follows the memory the pool's limits follow: inside a
 * container its cgroup limit, not the host's MemTotal. No workers start here.
 */
class SessionBudgetTest {
    private static final Map<String, String> CONTAINER = Map.of(
            "/proc/self/cgroup", "0::/job\n",
            "/sys/fs/cgroup/job/memory.max", (2L << 30) + "\n",
            "/proc/meminfo", "MemTotal:       " + (64L << 20) + " kB\n");

    private static Optional<String> container(Path file) {
        return Optional.ofNullable(CONTAINER.get(file.toString()));
    }

    @Test
    void withoutABudgetTheContainersLimitIsUsedAndNamed() {
        DefaultMemoryBudget budget = Shard.local().workers(2).machineFiles(SessionBudgetTest::container).budget();
        assertEquals(2 * (long) ((2L << 30) * 0.9 / 3), budget.bytes());
        assertTrue(budget.source().startsWith("derived: 2 workers' shares of 90% of 2.0 GiB from cgroup v2 memory.max"
                + " (/sys/fs/cgroup/job/memory.max)"), budget.source());
    }

    @Test
    void aBudgetTheCallerSetWins() {
        DefaultMemoryBudget budget = Shard.local().workers(2).memoryBudget("512MiB")
                .machineFiles(SessionBudgetTest::container).budget();
        assertEquals(new DefaultMemoryBudget(512L << 20, "set"), budget);
    }

    @Test
    void zeroAsksForNoBudget() {
        assertEquals(new DefaultMemoryBudget(0, "none"), Shard.local().memoryBudget(0).budget());
    }
}

package dev.shard.runtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The default budget comes from the memory the pool's limits come from: a container's, not the host's. */
class DefaultMemoryBudgetTest {
    private static final long HOST_KIB = 64L << 20;

    private static Optional<String> machine(Path file, Map<String, String> files) {
        return Optional.ofNullable(files.get(file.toString()));
    }

    @Test
    void aContainerLimitGivesTheWorkersTheirSharesOfIt() {
        Map<String, String> files = Map.of(
                "/proc/self/cgroup", "0::/job\n",
                "/sys/fs/cgroup/job/memory.max", (3L << 30) + "\n",
                "/proc/meminfo", "MemTotal:       " + HOST_KIB + " kB\n");
        DefaultMemoryBudget budget = DefaultMemoryBudget.detect(2, file -> machine(file, files));
        long share = (long) ((3L << 30) * 0.9 / 3);
        assertEquals(2 * share, budget.bytes());
        assertEquals(share, PoolLimits.of(0, 0, 2, dev.shard.runtime.supervise.SystemMemory.detect(
                file -> machine(file, files))).hardLimit(), "the budget is the sum of the pool's default hard limits");
        assertEquals("derived: 2 workers' shares of 90% of 3.0 GiB from cgroup v2 memory.max"
                + " (/sys/fs/cgroup/job/memory.max), the driver keeping one share", budget.source());
    }

    @Test
    void withoutACgroupLimitTheHostMemoryIsUsed() {
        Map<String, String> files = Map.of(
                "/proc/self/cgroup", "0::/\n",
                "/sys/fs/cgroup/memory.max", "max\n",
                "/proc/meminfo", "MemTotal:       " + HOST_KIB + " kB\n");
        DefaultMemoryBudget budget = DefaultMemoryBudget.detect(3, file -> machine(file, files));
        assertEquals(3 * (long) ((HOST_KIB << 10) * 0.9 / 4), budget.bytes());
        assertEquals("derived: 3 workers' shares of 90% of 64 GiB from /proc/meminfo MemTotal, the driver keeping"
                + " one share", budget.source());
    }

    @Test
    void unreadableMemoryMeansNoBudget() {
        DefaultMemoryBudget budget = DefaultMemoryBudget.detect(2, file -> Optional.empty());
        assertEquals(0, budget.bytes());
        assertEquals("none: unknown (neither a cgroup v2 memory.max nor /proc/meminfo could be read)", budget.source());
    }
}

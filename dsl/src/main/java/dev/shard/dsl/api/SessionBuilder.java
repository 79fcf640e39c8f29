package dev.shard.dsl.api;

import dev.shard.planner.physical.PlanningContext;
import dev.shard.planner.physical.StageSizing;
import dev.shard.runtime.api.DefaultMemoryBudget;
import dev.shard.runtime.api.Pool;
import dev.shard.runtime.tune.HumanUnits;
import dev.shard.runtime.tune.MachineProfile;
import dev.shard.runtime.tune.WorkerMemory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Session settings: workers (default: cores) and the memory budget of every run. The default
 * budget is derived from the memory the pool's default limits come from (a container's cgroup
 * v2 {@code memory.max}, else the host's MemTotal; see {@link DefaultMemoryBudget}); explain
 * and {@link Session#memoryBudgetSource()} say which was used. {@code memoryBudget(0)} asks
 * for no budget.
 */
public final class SessionBuilder {
    private int workers = Runtime.getRuntime().availableProcessors();
    private long memoryBudgetBytes = -1;
    private Function<Path, Optional<String>> machineFiles;

    SessionBuilder() {
    }

    public SessionBuilder workers(int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("workers must be positive, got " + count);
        }
        this.workers = count;
        return this;
    }

    /** The whole run's budget: shared data plus every worker's private memory, e.g. "4GiB", "512MiB". */
    public SessionBuilder memoryBudget(String size) {
        this.memoryBudgetBytes = parseBytes(size);
        return this;
    }

    public SessionBuilder memoryBudget(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("the memory budget must be ≥ 0 bytes (0: none), got " + bytes);
        }
        this.memoryBudgetBytes = bytes;
        return this;
    }

    /** Reads the machine's memory files through {@code files} instead of the real ones; tests give fixtures. */
    SessionBuilder machineFiles(Function<Path, Optional<String>> files) {
        this.machineFiles = files;
        return this;
    }

    /** The budget every run of the session plans with, and where it came from. */
    DefaultMemoryBudget budget() {
        if (memoryBudgetBytes >= 0) {
            return new DefaultMemoryBudget(memoryBudgetBytes,
                    memoryBudgetBytes > 0 ? PlanningContext.SET : PlanningContext.NONE);
        }
        return machineFiles == null ? DefaultMemoryBudget.detect(workers)
                : DefaultMemoryBudget.detect(workers, machineFiles);
    }

    /**
     * Checks the budget against the workers' base (InfeasibleBudgetException), then starts
     * the workers and returns without waiting for them: the first query waits. Each worker's
     * heap is bounded by its slice of the budget less what it holds outside the heap
     * ({@link WorkerMemory}), so garbage cannot grow it past the slice.
     */
    public Session open() {
        DefaultMemoryBudget budget = budget();
        long maxHeap = WorkerMemory.maxHeapBytes(budget.bytes(), workers);
        StageSizing.checkBudget(new PlanningContext(new MachineProfile(workers, WorkerMemory.plannedBaseBytes(
                MachineProfile.MEASURED_WORKER_BASE_PRIVATE_BYTES, maxHeap),
                MachineProfile.MEASURED_DISPATCH_OVERHEAD_NANOS), budget.bytes(), 0, budget.source()));
        // The workers start while the caller parses and plans; the first run waits for them.
        Pool pool = Pool.builder().workers(workers).workerMaxHeap(maxHeap, heapSource(budget.bytes(), workers))
                .startAsync();
        return new Session(pool, workers, budget, maxHeap);
    }

    /** Where a worker's maximum heap comes from, as a worker that runs out of it says. */
    static String heapSource(long budgetBytes, int workers) {
        return "a worker's slice of the session's memory budget of " + HumanUnits.bytes(budgetBytes) + " over "
                + workers + " worker" + (workers == 1 ? "" : "s") + ", less " + HumanUnits.bytes(
                WorkerMemory.NON_HEAP_PRIVATE_BYTES) + " outside the heap";
    }

    static long parseBytes(String text) {
        String trimmed = text.trim();
        String[] units = {"TiB", "GiB", "MiB", "KiB", "B"};
        long[] factors = {1L << 40, 1L << 30, 1L << 20, 1L << 10, 1};
        for (int u = 0; u < units.length; u++) {
            if (trimmed.toLowerCase(Locale.ROOT).endsWith(units[u].toLowerCase(Locale.ROOT))) {
                String number = trimmed.substring(0, trimmed.length() - units[u].length()).trim();
                try {
                    return (long) (Double.parseDouble(number) * factors[u]);
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        try {
            return Long.parseLong(trimmed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a byte size: '" + text + "' (write for example 4GiB, 512MiB or"
                    + " a number of bytes)");
        }
    }
}

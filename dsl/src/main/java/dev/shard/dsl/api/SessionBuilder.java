package dev.shard.dsl.api;

import dev.shard.planner.physical.PlanningContext;
import dev.shard.planner.physical.StageSizing;
import dev.shard.runtime.api.Pool;
import java.util.Locale;

/** Session settings: workers (default: cores) and the memory budget of every run (default: none). */
public final class SessionBuilder {
    private int workers = Runtime.getRuntime().availableProcessors();
    private long memoryBudgetBytes;

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
        this.memoryBudgetBytes = bytes;
        return this;
    }

    /**
     * Checks the budget against the workers' base (InfeasibleBudgetException), then starts
     * the workers and returns without waiting for them: the first query waits.
     */
    public Session open() {
        StageSizing.checkBudget(new PlanningContext(workers, memoryBudgetBytes, 0));
        // The workers start while the caller parses and plans; the first run waits for them.
        return new Session(Pool.builder().workers(workers).startAsync(), workers, memoryBudgetBytes);
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

package dev.shard.runtime.api;

import dev.shard.runtime.supervise.SystemMemory;
import dev.shard.runtime.tune.HumanUnits;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A run's memory budget when the caller set none, from the same figure the pool's default
 * hard limits come from ({@link SystemMemory}: the container's cgroup v2 {@code memory.max},
 * else the host's MemTotal). The pool gives each worker a hard limit of its share of
 * 90% of that figure, the driver counting as one more
 * process; the budget is the workers' shares together, so a plan that fits it also fits
 * the limits the pool enforces, and never the host's memory inside a smaller container.
 *
 * @param bytes  the budget (0: none, when the machine's memory could not be read)
 * @param source where it came from, as explain and the report print it
 */
public record DefaultMemoryBudget(long bytes, String source) {
    /** The budget for {@code workers} on this machine. */
    public static DefaultMemoryBudget detect(int workers) {
        return of(workers, SystemMemory.detect());
    }

    /** The budget as {@code files} (path → text, empty when unreadable) show the machine; tests give fixtures. */
    public static DefaultMemoryBudget detect(int workers, Function<Path, Optional<String>> files) {
        return of(workers, SystemMemory.detect(files::apply));
    }

    static DefaultMemoryBudget of(int workers, SystemMemory memory) {
        if (memory.bytes() <= 0) {
            return new DefaultMemoryBudget(0, "none: " + memory.source());
        }
        int counted = Math.max(1, workers);
        long share = PoolLimits.workerShare(memory.bytes(), counted);
        return new DefaultMemoryBudget(share * counted, String.format(Locale.ROOT,
                "derived: %d workers' shares of %.0f%% of %s from %s, the driver keeping one share", counted,
                PoolLimits.USABLE_FRACTION * 100, HumanUnits.bytes(memory.bytes()), memory.source()));
    }
}

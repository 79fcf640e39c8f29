package dev.shard.planner.physical;

import java.util.Locale;

/**
 * Rows per shard for a stage. This is the one place that sizes shards; it holds an
 * interim rule until the shard-size tuner (ShardTuner in dev.shard.runtime.tune) is
 * merged, which will replace {@link #choose}'s body. The interim rule: whole
 * 65,536-row blocks (so block partials never straddle shards), at least four shards
 * per worker for balance, fewer rows when a worker's share of the budget is small.
 */
public final class StageSizing {
    /** The determinism block: floating-point partials are computed per block and folded in block order. */
    public static final long BLOCK_ROWS = 65_536;
    static final int SHARDS_PER_WORKER = 4;
    /** Private memory a worker JVM needs before any data (interim estimate; the tuner measures it). */
    public static final long WORKER_BASE_PRIVATE_BYTES = 64L << 20;
    /** Working set of a shard per input byte (batch buffers, hash tables). */
    static final double AMPLIFICATION = 2.0;

    private StageSizing() {
    }

    /** The choice and why: binding is one of memory, balance, pinned. */
    public record Choice(long rowsPerShard, int shards, String binding, String arithmetic,
            long estimatedPeakPrivateBytesPerWorker) {
    }

    /**
     * @param memoryBudgetBytes the whole run's budget (0: none)
     * @param pinnedRows        rows per shard the user pinned (0: none); rounded up to whole blocks
     */
    public static Choice choose(long rows, long bytesPerRow, int workers, long memoryBudgetBytes, long sharedBytes,
            long pinnedRows) {
        long minimum = sharedBytes + workers * WORKER_BASE_PRIVATE_BYTES;
        if (memoryBudgetBytes > 0 && memoryBudgetBytes < minimum) {
            throw new InfeasibleBudgetException(String.format(Locale.ROOT, "memory budget %s is below what the"
                    + " run needs before any shard: %s shared + %d workers x %s JVM base = %s; the smallest budget"
                    + " that works is %s", bytes(memoryBudgetBytes), bytes(sharedBytes), workers,
                    bytes(WORKER_BASE_PRIVATE_BYTES), bytes(minimum), bytes(minimum + workers * BLOCK_ROWS
                            * bytesPerRow * 2)));
        }
        long blocks = Math.max(1, (rows + BLOCK_ROWS - 1) / BLOCK_ROWS);
        long balanceBlocks = Math.max(1, blocks / ((long) workers * SHARDS_PER_WORKER));
        String balance = "balance >= " + SHARDS_PER_WORKER + " shards/worker: " + balanceBlocks + " block(s)";
        long chosenBlocks;
        String binding;
        String arithmetic;
        if (pinnedRows > 0) {
            chosenBlocks = (pinnedRows + BLOCK_ROWS - 1) / BLOCK_ROWS;
            binding = "pinned";
            arithmetic = "pinned " + pinnedRows + " rows, rounded up to whole 64Ki-row blocks";
        } else {
            chosenBlocks = balanceBlocks;
            binding = "balance";
            arithmetic = balance;
            if (memoryBudgetBytes > 0) {
                long perWorker = (memoryBudgetBytes - minimum) / workers;
                long memoryBlocks = Math.max(1, (long) (perWorker / AMPLIFICATION / bytesPerRow / BLOCK_ROWS));
                String memory = String.format(Locale.ROOT, "memory: (%s - %s shared - %d x %s JVM) / %d workers /"
                        + " %.1fx amplification / %d B/row = %d block(s)", bytes(memoryBudgetBytes),
                        bytes(sharedBytes), workers, bytes(WORKER_BASE_PRIVATE_BYTES), workers, AMPLIFICATION,
                        bytesPerRow, memoryBlocks);
                if (memoryBlocks < balanceBlocks) {
                    chosenBlocks = memoryBlocks;
                    binding = "memory";
                    arithmetic = memory + "; " + balance;
                } else {
                    arithmetic = balance + "; " + memory;
                }
            }
        }
        long rowsPerShard = chosenBlocks * BLOCK_ROWS;
        int shards = (int) Math.max(1, (rows + rowsPerShard - 1) / rowsPerShard);
        long peak = WORKER_BASE_PRIVATE_BYTES + (long) (Math.min(rowsPerShard, Math.max(rows, 1)) * bytesPerRow
                * AMPLIFICATION);
        return new Choice(rowsPerShard, shards, binding, "shard rows " + rowsPerShard + " <- " + arithmetic, peak);
    }

    static String bytes(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        }
        return bytes + " B";
    }
}

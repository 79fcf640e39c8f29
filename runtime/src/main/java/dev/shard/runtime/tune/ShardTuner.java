package dev.shard.runtime.tune;

/**
 * Rows per shard for one stage, a pure function of the request.
 *
 * <p>Three bounds, in rows, each a multiple of the block:
 * <ul>
 * <li><b>memory ceiling</b>: a shard's working set (rows × bytes per row × amplification)
 * fits a worker's share of what the budget leaves after the shared data and the worker
 * JVMs' base: (budget − shared − workers × base) / workers;
 * <li><b>overhead floor</b>: a shard computes for at least {@value #OVERHEAD_FACTOR} times
 * the dispatch overhead, so dispatch costs at most 2% of a shard's time;
 * <li><b>balance</b>: {@value #SHARDS_PER_WORKER} shards per worker when the rows allow, so a
 * straggler is a small part of a worker's work, and no shard left over for one worker alone.
 * </ul>
 * The choice is the balance size, raised to the overhead floor, and
 * lowered to the memory ceiling: memory wins, the budget is never exceeded. A pinned
 * size is the user's, rounded up to a block multiple. A budget that cannot hold the
 * shared data, the workers' base and one shard per worker is refused.
 */
public final class ShardTuner {
    /** Compute per shard ≥ this × dispatch overhead. */
    public static final int OVERHEAD_FACTOR = 50;
    public static final int SHARDS_PER_WORKER = 4;

    private ShardTuner() {
    }

    /** The choice for {@code request}; throws InfeasibleBudgetException when the budget cannot be met. */
    public static ShardChoice choose(TuneRequest request) {
        return choose(request, ItemUnit.ROWS);
    }

    /** As {@link #choose(TuneRequest)}, the arithmetic naming the items {@code unit} (rows, or calls of an apply). */
    public static ShardChoice choose(TuneRequest request, ItemUnit unit) {
        long rows = request.shape().rows();
        long block = request.blockRows();
        int workers = request.machine().workers();
        long size;
        if (request.pinned()) {
            size = Saturating.roundUp(request.pinnedRowsPerShard(), block);
        } else if (rows < block) {
            size = Math.max(1, rows);
        } else {
            size = Saturating.roundUp(Math.max(block, Math.ceilDiv(rows, Integer.MAX_VALUE)), block);
        }
        long share = checkFeasible(request, Math.min(size, rows));
        long ceilingExact = memoryCeilingRows(request, share);
        long ceiling = rows < block ? Math.min(ceilingExact, Math.max(rows, 1))
                : Math.min(Saturating.roundDown(ceilingExact, block), Saturating.roundUp(rows, block));
        Bounds bounds = new Bounds(ceiling,
                overheadFloorRows(request),
                balanceRows(rows, workers, block),
                ceilingExact == Long.MAX_VALUE);
        BindingConstraint binding;
        if (request.pinned()) {
            binding = BindingConstraint.PINNED;
        } else if (rows < block) {
            binding = BindingConstraint.BALANCE;
        } else {
            long desired = Math.min(Math.max(bounds.balance(), bounds.overheadFloor()), Saturating.roundUp(rows, block));
            binding = bounds.memoryCeiling() < desired ? BindingConstraint.MEMORY
                    : bounds.overheadFloor() > bounds.balance() ? BindingConstraint.OVERHEAD
                    : BindingConstraint.BALANCE;
            size = Math.max(size, Math.min(desired, bounds.memoryCeiling()));
            if (binding == BindingConstraint.OVERHEAD) {
                size = evenOverWorkers(rows, workers, block, size, bounds.memoryCeiling());
            }
        }
        long shards = rows == 0 ? 1 : Math.ceilDiv(rows, size);
        if (shards > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shard rows " + HumanUnits.count(size) + " over "
                    + HumanUnits.count(rows) + " rows make more than 2^31 shards: pin at least "
                    + HumanUnits.count(Math.ceilDiv(rows, Integer.MAX_VALUE)) + " rows per shard");
        }
        long peak = Saturating.add(request.fixedBytesPerWorker(),
                workingBytes(request, Math.min(size, rows)));
        String arithmetic = TunerArithmetic.render(request, size, binding, bounds, unit);
        return new ShardChoice(size, (int) shards, binding, arithmetic, peak);
    }

    /**
     * Rows per shard for balance alone: the smallest multiple of {@code block} that makes at most
     * {@value #SHARDS_PER_WORKER} shards per worker, and one block at least. Rounding the share up
     * (not down) leaves the last shard a little short instead of adding a lone remainder shard
     * that one worker runs while the others idle: 20M rows in 64K blocks for 2 workers are 8
     * shards of 39 blocks, not 8 of 38 and a ninth of one. The runtime's {@code Shards.auto}
     * uses this rule too, so shard sizing has one home.
     */
    public static long balanceRows(long rows, int workers, long block) {
        if (workers <= 0 || block <= 0) {
            throw new IllegalArgumentException("workers and block rows must be positive, got " + workers + " and " + block);
        }
        long share = Math.ceilDiv(Math.max(rows, 0), (long) workers * SHARDS_PER_WORKER);
        return Math.max(block, Saturating.roundUp(share, block));
    }

    /**
     * Above the balance size, the overhead floor alone would leave a short last shard that one
     * worker runs while the others idle (20M rows at a 9.24M floor: 9.24M, 9.24M and 1.5M on 2
     * workers). When the rows hold at least one floor-sized shard per worker, the size is raised
     * to the largest whole number of shards per worker that keeps every shard at or above the
     * floor, all equal but the last block's rounding (2 shards of 10M), within the memory ceiling.
     */
    static long evenOverWorkers(long rows, int workers, long block, long floorSize, long memoryCeiling) {
        long perWorker = rows / Saturating.multiply(floorSize, workers);
        if (perWorker < 1) {
            return floorSize;
        }
        long even = Saturating.roundUp(Math.ceilDiv(rows, perWorker * workers), block);
        return even <= memoryCeiling ? Math.max(even, floorSize) : floorSize;
    }

    /** The three bounds in rows; {@code memoryUnlimited} when a shard needs no private memory. */
    record Bounds(long memoryCeiling, long overheadFloor, long balance, boolean memoryUnlimited) {
    }

    /** A worker's share of the budget, after checking that one shard of {@code shardRows} fits it. */
    private static long checkFeasible(TuneRequest request, long shardRows) {
        MachineProfile machine = request.machine();
        long fixed = Saturating.add(request.sharedBytes(),
                Saturating.multiply(machine.workers(), request.fixedBytesPerWorker()));
        long shardBytes = workingBytes(request, shardRows);
        long budget = request.memoryBudgetBytes();
        long share = budget >= fixed ? (budget - fixed) / machine.workers() : -1;
        if (share < shardBytes) {
            long smallest = Saturating.add(fixed, Saturating.multiply(machine.workers(), shardBytes));
            throw InfeasibleBudgetException.of(request, shardRows, shardBytes, smallest);
        }
        return share;
    }

    /** The most rows whose working set fits {@code share} bytes, or Long.MAX_VALUE when rows cost nothing. */
    private static long memoryCeilingRows(TuneRequest request, long share) {
        double perRow = request.workingBytesPerRow();
        if (perRow == 0) {
            return Long.MAX_VALUE;
        }
        long rows = Saturating.ceil(Math.floor(share / perRow));
        // share / perRow is rounded; settle the last row exactly against workingBytes.
        for (int step = 0; step < 4 && rows < Long.MAX_VALUE && workingBytes(request, rows + 1) <= share; step++) {
            rows++;
        }
        while (rows > 0 && workingBytes(request, rows) > share) {
            rows -= Math.max(1, rows >>> 40);
        }
        return rows;
    }

    private static long overheadFloorRows(TuneRequest request) {
        double nanos = (double) OVERHEAD_FACTOR * request.machine().dispatchOverheadNanos();
        long rows = Saturating.ceil(nanos / request.nanosPerRow());
        return Saturating.roundUp(Math.max(rows, request.blockRows()), request.blockRows());
    }

    /** Private bytes a shard of {@code rows} rows needs, rounded up. */
    static long workingBytes(TuneRequest request, long rows) {
        return Saturating.ceil(rows * request.workingBytesPerRow());
    }
}

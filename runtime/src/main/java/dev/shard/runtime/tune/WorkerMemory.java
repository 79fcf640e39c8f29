package dev.shard.runtime.tune;

/**
 * What one worker JVM holds privately (RssAnon), as the tuner plans it and the pool bounds it:
 * non-heap memory (metaspace, code cache, thread stacks, the collector's tables, malloc arenas),
 * a young generation that every worker touches in full (each minor collection comes when eden
 * is full), and an old generation where shards' arrays live. The first two are a worker's base;
 * the tuner fits each shard's working set into what a worker's slice of the budget leaves above
 * it. The heap is bounded to the slice minus the non-heap part, so that garbage earlier shards
 * left cannot grow a worker past its slice: a serial collector grows the old generation into the
 * JVM's default maximum (a quarter of the machine) rather than collect.
 */
public final class WorkerMemory {
    /**
     * Private memory outside a warm worker's heap: RssAnon less the heap mapping's anonymous
     * pages, the most seen while a stage ran (bench/results/2026-12-02-tuned-stage-memory.md,
     * 400 MiB budget, 1 worker): 71 MiB in a collect, 84 MiB in a sort, 94–104 MiB in a
     * partitioned join's step ({@code bench/worker-non-heap.py}). Of it ~22 MiB are pages of the
     * mapped AOT cache the JVM wrote to and ~34 MiB one malloc arena; the rest is spread over small
     * mappings (code, metaspace, thread stacks, Arrow's buffers). Rounded up to cover the sort and
     * most of the join step.
     */
    public static final long NON_HEAP_PRIVATE_BYTES = 96L << 20;
    /** The young generation of a worker whose heap is not bounded (see {@link #youngGenerationBytes}). */
    public static final long DEFAULT_YOUNG_GENERATION_BYTES = 32L << 20;
    /** A bounded heap's young generation is this fraction of it, so a small slice keeps room for live data. */
    static final int YOUNG_GENERATION_FRACTION = 8;
    static final long MIN_YOUNG_GENERATION_BYTES = 4L << 20;
    /**
     * The old generation a bounded worker starts with: it grows as shards need (serial: after a
     * collection, up to {@code MinHeapFreeRatio} free) and can shrink back to it between stages.
     */
    static final long INITIAL_OLD_GENERATION_BYTES = 8L << 20;
    /**
     * The smallest bound a worker's heap gets. Arrow's allocator (netty's pooled allocator) gives
     * itself no direct arena when the JVM's maximum direct memory, which defaults to the maximum
     * heap, is under six 4 MiB chunks: with -Xmx24m (23.25 MiB usable) every Arrow buffer a worker
     * asks for failed ("Arrow requires that the JVM used supports access sun.misc.Unsafe"), so a
     * budget of up to 120 MiB a worker could not run a partitioned merge. 32 MiB leaves margin.
     */
    public static final long MIN_HEAP_BYTES = 32L << 20;
    /**
     * From 32 GiB the JVM turns compressed object pointers off, and an AOT cache recorded with them
     * on is refused: no bound is set there (the JVM's default, a quarter of the machine, is lower).
     */
    public static final long COMPRESSED_OOPS_HEAP_LIMIT = 32L << 30;

    private WorkerMemory() {
    }

    /**
     * The maximum heap of a worker whose session plans with {@code budgetBytes} over
     * {@code workers} workers: its slice of the budget with no shared data (the most any run of
     * the session lets it hold) minus the non-heap part; 0 when there is no budget, or when the
     * bound would be at least {@link #COMPRESSED_OOPS_HEAP_LIMIT}.
     */
    public static long maxHeapBytes(long budgetBytes, int workers) {
        if (budgetBytes <= 0 || workers <= 0) {
            return 0;
        }
        long heap = Math.max(MIN_HEAP_BYTES, budgetBytes / workers - NON_HEAP_PRIVATE_BYTES);
        return heap >= COMPRESSED_OOPS_HEAP_LIMIT ? 0 : heap;
    }

    /** The young generation for a heap bounded at {@code maxHeapBytes} (0: not bounded). */
    public static long youngGenerationBytes(long maxHeapBytes) {
        if (maxHeapBytes <= 0) {
            return DEFAULT_YOUNG_GENERATION_BYTES;
        }
        return Math.clamp(maxHeapBytes / YOUNG_GENERATION_FRACTION, MIN_YOUNG_GENERATION_BYTES,
                DEFAULT_YOUNG_GENERATION_BYTES);
    }

    /**
     * The initial heap of a worker bounded at {@code maxHeapBytes} (0: not bounded, no initial
     * heap either): its young generation and {@link #INITIAL_OLD_GENERATION_BYTES}. The serial
     * collector never shrinks the old generation below its initial size, and the JVM's default
     * initial heap (a 64th of the machine) is the whole bound on a machine of more than 64 times
     * it, so without a small initial heap a worker could not give back what a large stage grew.
     */
    public static long initialHeapBytes(long maxHeapBytes) {
        if (maxHeapBytes <= 0) {
            return 0;
        }
        return Math.min(maxHeapBytes, youngGenerationBytes(maxHeapBytes) + INITIAL_OLD_GENERATION_BYTES);
    }

    /**
     * The base the tuner plans a worker with: what the pool measured at start, or the non-heap
     * part plus the young generation when that is more (at start a worker has touched only part
     * of its eden, and has not yet loaded the operators' classes).
     */
    public static long plannedBaseBytes(long measuredBaseBytes, long maxHeapBytes) {
        return Math.max(measuredBaseBytes, NON_HEAP_PRIVATE_BYTES + youngGenerationBytes(maxHeapBytes));
    }
}

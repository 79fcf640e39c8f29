package dev.shard.planner.exec;

import java.io.Serializable;

/**
 * What a stage asks of a worker's heap, shipped with its kernel (see StageHeap).
 *
 * @param bytes the heap a worker needs for the stage: its estimated peak less what a worker
 *     holds outside its heap (0: unknown, the heap is left as it is)
 * @param stageKey the stage, as the driver hashed its fragment: a worker gives heap back once for
 *     a stage, not again when the same stage regrew it
 */
public record StageHeapNeed(long bytes, int stageKey) implements Serializable {
    /**
     * An excess below this is left: it is within the spread of what a worker holds outside its
     * heap (71–104 MiB measured against the 96 MiB planned, WorkerMemory.NON_HEAP_PRIVATE_BYTES),
     * which the estimates do not resolve anyway, and a trim costs the worker 50–190 ms of CPU
     * (one to four full collections of a small live set and the pages given back; measured under
     * load, bench/results/2026-12-02-stage-heap.md).
     */
    public static final long MIN_EXCESS_BYTES = 32L << 20;

    /** Nothing known: the heap is left as it is. */
    public static final StageHeapNeed NONE = new StageHeapNeed(0, 0);

    /**
     * The committed heap above {@link #bytes} that is left: serial grows the old generation up to
     * {@code MinHeapFreeRatio} (40%) free above what it holds after each collection, so a stage
     * at its estimate may commit 1/(1 − 0.4) ≈ 1.67 times it; twice the need (and at least
     * {@link #MIN_EXCESS_BYTES}) is left, so that warm repeated queries, whose heap is what they
     * grow themselves, do not pay a trim.
     */
    public long excessAllowed() {
        return Math.max(MIN_EXCESS_BYTES, bytes);
    }
}

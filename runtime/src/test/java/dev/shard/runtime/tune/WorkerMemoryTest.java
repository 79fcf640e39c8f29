package dev.shard.runtime.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WorkerMemoryTest {
    private static final long MIB = 1L << 20;

    @Test
    void theHeapIsAWorkersSliceLessWhatItHoldsOutsideTheHeap() {
        assertEquals(400 * MIB - WorkerMemory.NON_HEAP_PRIVATE_BYTES, WorkerMemory.maxHeapBytes(400 * MIB, 1));
        assertEquals(200 * MIB - WorkerMemory.NON_HEAP_PRIVATE_BYTES, WorkerMemory.maxHeapBytes(400 * MIB, 2));
        assertEquals(WorkerMemory.MIN_HEAP_BYTES, WorkerMemory.maxHeapBytes(160 * MIB, 2), "a floor the JVM starts with");
    }

    @Test
    void noBudgetOrACompressedPointersSizedSliceSetsNoBound() {
        assertEquals(0, WorkerMemory.maxHeapBytes(0, 2));
        assertEquals(0, WorkerMemory.maxHeapBytes(80L << 30, 2));
    }

    @Test
    void theYoungGenerationIsAnEighthOfABoundedHeapWithinItsLimits() {
        assertEquals(32 * MIB, WorkerMemory.youngGenerationBytes(0));
        assertEquals(32 * MIB, WorkerMemory.youngGenerationBytes(1L << 30));
        assertEquals(19 * MIB, WorkerMemory.youngGenerationBytes(152 * MIB));
        assertEquals(4 * MIB, WorkerMemory.youngGenerationBytes(24 * MIB));
    }

    @Test
    void theTunersBaseIsTheMeasuredOneOrTheNonHeapPartAndTheYoungGenerationWhenMore() {
        assertEquals(WorkerMemory.NON_HEAP_PRIVATE_BYTES + 32 * MIB, WorkerMemory.plannedBaseBytes(56 * MIB, 0));
        assertEquals(200 * MIB, WorkerMemory.plannedBaseBytes(200 * MIB, 352 * MIB));
        assertEquals(WorkerMemory.NON_HEAP_PRIVATE_BYTES + 4 * MIB, WorkerMemory.plannedBaseBytes(56 * MIB, 24 * MIB));
    }
}

package dev.shard.planner.exec;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * A worker's heap fitted to the stage it starts: the serial collector keeps the heap a large
 * stage grew (a partitioned join's steps) committed up to the bound, and private memory
 * (RssAnon) counts it, so a later stage that needs little would run at the earlier stage's
 * peak. When the committed heap exceeds what the stage needs by more than {@link StageHeapNeed#excessAllowed},
 * the worker collects with the free ratios lowered so that the collector uncommits what it does
 * not hold, then restores them: before the stage starts ({@link HeapFitKernel}, run by the
 * driver when a worker's private memory says so) and, on a worker that run missed, at the
 * stage's first shard ({@link StageKernel}).
 *
 * <p>It runs in the worker; state is per JVM.
 */
final class StageHeap {
    /**
     * With ShrinkHeapInSteps on (the JVM's default, kept so that collections inside a stage do not
     * shrink and regrow the heap), successive full collections shrink by 0%, 10%, 40% and 100% of
     * the excess.
     */
    private static final int MAX_COLLECTIONS = 4;
    private static final String MIN_FREE = "MinHeapFreeRatio";
    private static final String MAX_FREE = "MaxHeapFreeRatio";
    /** While trimming: keep at most 10% of the old generation free above what is live. */
    private static final String TRIM_MAX_FREE_PERCENT = "10";

    /** The initial heap: the serial collector never shrinks below it. */
    private static final long FLOOR_BYTES = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getInit();
    /**
     * The stage that trimmed last (its fragment's hash), until another stage runs: the same
     * stage again finds the heap it regrew, which is what it needs.
     */
    private static volatile Integer trimmedFor;
    /** The stage of the last shard here. */
    private static volatile int lastStage;

    private StageHeap() {
    }

    /**
     * Whether a heap of {@code committedBytes}, which cannot shrink below {@code floorBytes} (the
     * initial heap), is worth trimming for a stage needing {@code neededBytes} (0: unknown, never).
     */
    static boolean worthTrimming(long committedBytes, long floorBytes, long neededBytes) {
        long excess = committedBytes - Math.max(neededBytes, floorBytes);
        return neededBytes > 0 && excess > new StageHeapNeed(neededBytes, 0).excessAllowed();
    }

    /** Whether this worker's heap is worth trimming for a stage needing {@code neededBytes}: one read of the committed heap. */
    static boolean worthTrimming(long neededBytes) {
        return worthTrimming(Runtime.getRuntime().totalMemory(), FLOOR_BYTES, neededBytes);
    }

    /**
     * Before a shard of the stage that needs {@code heap}: gives back the heap beyond its need
     * when worth it; returns the bytes uncommitted. Cheap when nothing is to be done: an int
     * compare and one read of the committed heap.
     */
    static long fitBeforeShard(StageHeapNeed heap) {
        if (heap.bytes() <= 0) {
            return 0;
        }
        if (lastStage != heap.stageKey()) {
            running(heap.stageKey());
        }
        return worthTrimming(heap.bytes()) ? fit(heap.stageKey(), heap.bytes()) : 0;
    }

    /** Notes that the stage {@code stageKey} runs here: a trim another stage made is no longer its own. */
    private static synchronized void running(int stageKey) {
        lastStage = stageKey;
        if (trimmedFor != null && trimmedFor != stageKey) {
            trimmedFor = null;
        }
    }

    /**
     * Fits the heap to the stage {@code stageKey} (its fragment's hash), which needs
     * {@code neededBytes}; returns the bytes uncommitted (0: nothing done).
     */
    private static synchronized long fit(int stageKey, long neededBytes) {
        long committed = Runtime.getRuntime().totalMemory();
        if (Integer.valueOf(stageKey).equals(trimmedFor) || !worthTrimming(committed, FLOOR_BYTES, neededBytes)) {
            return 0;
        }
        trimmedFor = stageKey;
        return trim(committed, neededBytes);
    }

    private static long trim(long committed, long neededBytes) {
        HotSpotDiagnosticMXBean diagnostics = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        OperatingSystemMXBean system = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
        String minFree = diagnostics.getVMOption(MIN_FREE).getValue();
        String maxFree = diagnostics.getVMOption(MAX_FREE).getValue();
        long cpuBefore = system.getProcessCpuTime();
        int collections = 0;
        try {
            // The JVM requires MinHeapFreeRatio ≤ MaxHeapFreeRatio at every step: lower the minimum first.
            diagnostics.setVMOption(MIN_FREE, "0");
            diagnostics.setVMOption(MAX_FREE, TRIM_MAX_FREE_PERCENT);
            while (collections < MAX_COLLECTIONS && Runtime.getRuntime().totalMemory() > neededBytes) {
                System.gc();
                collections++;
            }
        } finally {
            diagnostics.setVMOption(MAX_FREE, maxFree);
            diagnostics.setVMOption(MIN_FREE, minFree);
        }
        long after = Runtime.getRuntime().totalMemory();
        System.err.printf(Locale.ROOT, "shard worker: heap %d MiB → %d MiB before a stage needing %d MiB"
                + " (%d full collections, %.0f ms of process CPU)%n", committed >> 20, after >> 20,
                neededBytes >> 20, collections, (system.getProcessCpuTime() - cpuBefore) / 1e6);
        return Math.max(0, committed - after);
    }
}

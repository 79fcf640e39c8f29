package dev.shard.examples.tiny;

import dev.shard.examples.workload.TinyTasksWorkload;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * What one tiny task does inside a worker: spin, optionally keep some heap alive, and
 * write {@code 2i} at index i of the shared long buffer.
 */
public final class TinyTask {
    /**
     * Heap kept alive on purpose, per worker process: it only ever grows, so the pool
     * must notice the drift and recycle the worker, which is what the leak option tests.
     */
    private static final List<byte[]> RETAINED = new ArrayList<>();
    private static final int KIB = 1024;
    private static final int PAGE = 4096;

    private TinyTask() {
    }

    /** Runs task {@code task}, returns the value it wrote. */
    public static long run(long task, long spinMicros, long leakKib, MemorySegment values) {
        spin(spinMicros);
        if (leakKib > 0) {
            retain(leakKib);
        }
        long value = TinyTasksWorkload.value(task);
        values.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, task, value);
        return value;
    }

    /** Busy-waits, so the task holds its CPU like real work would. */
    static void spin(long micros) {
        if (micros <= 0) {
            return;
        }
        long deadline = System.nanoTime() + micros * 1_000;
        while (System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    private static void retain(long kib) {
        byte[] block = new byte[Math.toIntExact(kib * KIB)];
        // Touch every page: a fresh array may sit in pages the OS has not committed yet.
        for (int i = 0; i < block.length; i += PAGE) {
            block[i] = 1;
        }
        synchronized (RETAINED) {
            RETAINED.add(block);
        }
    }

    /** Bytes this process is keeping alive on purpose (for tests and reports). */
    public static long retainedBytes() {
        synchronized (RETAINED) {
            return RETAINED.stream().mapToLong(block -> block.length).sum();
        }
    }
}

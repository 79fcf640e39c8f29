package dev.shard.examples.colcor;

import dev.shard.dsl.vector.ColumnCorrelation;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The fair baselines for colcor: plain Java loops in this process over the same
 * memory the workers read, on one thread or split into contiguous column blocks over
 * a fixed set of warm threads. Close it to stop the threads.
 */
public final class InProcessColumnCorrelation implements AutoCloseable {
    private final int threads;
    private final ExecutorService executor;

    public InProcessColumnCorrelation(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.executor = threads == 1 ? null : Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "colcor-baseline");
            thread.setDaemon(true);
            return thread;
        });
    }

    public int threads() {
        return threads;
    }

    /** Writes r[j] for all {@code columns} columns of {@code matrix} into {@code output}. */
    public void correlate(MemorySegment matrix, MemorySegment y, long rows, long columns, MemorySegment output)
            throws InterruptedException {
        ColumnCorrelation kernel = new ColumnCorrelation(y, rows);
        if (executor == null) {
            kernel.correlate(matrix, 0, columns, output);
            return;
        }
        List<Future<?>> blocks = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            long start = columns * t / threads;
            long end = columns * (t + 1) / threads;
            blocks.add(executor.submit(() -> kernel.correlate(matrix, start, end, output)));
        }
        for (Future<?> block : blocks) {
            try {
                block.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a baseline thread failed: " + e.getCause(), e.getCause());
            }
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}

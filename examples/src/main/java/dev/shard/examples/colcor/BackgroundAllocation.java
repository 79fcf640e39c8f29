package dev.shard.examples.colcor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * X, y and r allocated on a thread of their own, started before the workers are spawned:
 * the shared store's set-up, the reservation of X (160 MB of tmpfs at the default size) and
 * y's values then run on the core that is idle while the driver spawns the workers, instead
 * of after the spawn, when the two starting worker JVMs take both cores.
 *
 * <p>Whoever {@link #take() takes} the data owns it; closing this closes data nobody took
 * (the pool failed to start), after waiting for the allocation to end, so nothing is left
 * in shared memory.
 */
final class BackgroundAllocation implements AutoCloseable {
    private final CompletableFuture<ColumnCorrelationData> data;
    private volatile boolean taken;

    private BackgroundAllocation(CompletableFuture<ColumnCorrelationData> data) {
        this.data = data;
    }

    static BackgroundAllocation start(int rows, int columns) {
        CompletableFuture<ColumnCorrelationData> data = new CompletableFuture<>();
        Thread allocating = new Thread(() -> {
            try {
                data.complete(ColumnCorrelationData.allocate(rows, columns));
            } catch (Throwable e) {
                data.completeExceptionally(e);
            }
        }, "colcor-allocate");
        allocating.setDaemon(true);
        allocating.start();
        return new BackgroundAllocation(data);
    }

    /** Waits for the data and hands it over; an allocation failure is rethrown as it was thrown. */
    ColumnCorrelationData take() {
        try {
            ColumnCorrelationData ready = data.join();
            taken = true;
            return ready;
        } catch (CompletionException e) {
            throw rethrown(e.getCause());
        }
    }

    @Override
    public void close() {
        if (taken) {
            return;
        }
        try {
            data.join().close();
        } catch (CompletionException failed) {
            // The allocation failed: it released what it had made (ColumnCorrelationData.allocate).
        }
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("cannot allocate the colcor data: " + cause.getMessage(), cause);
    }
}

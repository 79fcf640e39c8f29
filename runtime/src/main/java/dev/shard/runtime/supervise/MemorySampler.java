package dev.shard.runtime.supervise;

import dev.shard.storage.memory.ProcessMemory;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every live worker's memory from /proc on a fixed period, so peak figures are
 * sampled peaks rather than end-of-run snapshots, and hands each reading to the
 * supervisor. One daemon thread per pool.
 */
public final class MemorySampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MemorySampler.class);

    /** A reading for the worker with this pid. */
    public record Reading(long pid, ProcessMemory memory) {
    }

    private final Thread thread;
    private volatile boolean running = true;

    public MemorySampler(long periodMillis, Supplier<List<Long>> pids, Consumer<List<Reading>> sink) {
        this.thread = Thread.ofPlatform().daemon().name("shard-memory-sampler").unstarted(() -> {
            while (running) {
                sampleOnce(pids, sink);
                try {
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /**
     * One round. A failure is logged and the next round goes on: this thread is the only
     * one that enforces the hard limit and catches unresponsive workers.
     */
    private static void sampleOnce(Supplier<List<Long>> pids, Consumer<List<Reading>> sink) {
        try {
            List<Reading> readings = pids.get().stream()
                    .map(pid -> WorkerMemoryReader.read(pid).map(memory -> new Reading(pid, memory)))
                    .flatMap(Optional::stream)
                    .toList();
            sink.accept(readings);
        } catch (RuntimeException e) {
            LOG.error("memory sampling round failed; sampling goes on", e);
        }
    }

    public MemorySampler start() {
        thread.start();
        return this;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}

package dev.shard.runtime.driver;

import dev.shard.storage.memory.ProcessMemory;

/** What one worker slot did during one run, across the processes that filled it. */
final class SlotRecord {
    final int slot;
    long pid;
    long baselinePrivateBytes = -1;
    long peakPrivateBytes;
    long endPrivateBytes = -1;
    long peakRssBytes;
    long baselineSharedBytes = -1;
    long peakSharedGrowth;
    long tasks;
    int recycles;
    /** Spawn-to-connected time of the process that holds the slot. */
    double startMillis = -1;
    /** The process that held the slot when the run started: its warm baseline is the slot's baseline. */
    WorkerProxy firstWorker;

    SlotRecord(int slot) {
        this.slot = slot;
    }

    void sampled(WorkerProxy worker, ProcessMemory memory) {
        pid = worker.pid();
        startMillis = worker.startupMillis();
        if (baselineSharedBytes < 0) {
            baselineSharedBytes = memory.sharedBytes();
        }
        peakPrivateBytes = Math.max(peakPrivateBytes, memory.privateBytes());
        peakRssBytes = Math.max(peakRssBytes, memory.rssBytes());
        peakSharedGrowth = Math.max(peakSharedGrowth, memory.sharedBytes() - baselineSharedBytes);
    }

    /** The worker's own reading of its private memory, taken between shards. */
    void privateReading(long privateBytes) {
        peakPrivateBytes = Math.max(peakPrivateBytes, privateBytes);
    }

    /** A fresh process in this slot maps fewer pages than the one it replaced; measure growth from its own start. */
    void replaced() {
        baselineSharedBytes = -1;
    }
}

package dev.shard.runtime.driver;

import dev.shard.runtime.task.PoolStatus;
import dev.shard.runtime.supervise.WorkerMemoryReader;
import java.util.ArrayList;
import java.util.List;

/** Reads a pool's status; the health check also replaces dead workers and recycles idle ones. */
public final class PoolInspector {
    private PoolInspector() {
    }

    public static PoolStatus status(DriverConductor conductor, boolean healthCheck) {
        synchronized (conductor) {
            if (healthCheck) {
                for (WorkerProxy worker : conductor.currentWorkers()) {
                    if (worker.isLive()) {
                        WorkerMemoryReader.read(worker.pid()).ifPresent(worker::sampled);
                    }
                }
                conductor.evaluateAll();
            }
            List<PoolStatus.WorkerStatus> workers = new ArrayList<>();
            for (WorkerProxy worker : conductor.currentWorkers()) {
                workers.add(new PoolStatus.WorkerStatus(worker.slot, worker.pid(), worker.state.name(),
                        worker.baselinePrivateBytes, worker.currentPrivateBytes, worker.peakPrivateBytes,
                        worker.currentRssBytes, worker.tasksDone(), conductor.slotRecycles[worker.slot],
                        worker.startupMillis(), worker.startupCache.name()));
            }
            return new PoolStatus(workers, conductor.startupMillis(), conductor.poolStartSeconds);
        }
    }
}

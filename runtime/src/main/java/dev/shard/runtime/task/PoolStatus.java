package dev.shard.runtime.task;

import java.util.List;

/**
 * A pool at one moment: each worker slot, and how long workers took to start
 * (spawn to connected) so far.
 *
 * @param workerStartMillis spawn-to-connected time of the workers started so far, in start order: all
 *     of them, or the most recent 256 on a long-lived pool that recycles
 */
public record PoolStatus(List<WorkerStatus> workers, List<Double> workerStartMillis, double poolStartSeconds) {

    public PoolStatus {
        workers = List.copyOf(workers);
        workerStartMillis = List.copyOf(workerStartMillis);
    }

    /**
     * One worker slot: its current process and figures; private memory is RssAnon, shared pages apart.
     *
     * @param id the slot, 0 to workers - 1, kept across recycles; the process's own worker id (on its
     *        command line, {@code -Dshard.worker=<run-id>:<worker-id>}) is new for every process
     * @param startupCache how the process started with respect to the AOT cache: {@code USED} (the JVM
     *        mapped it), {@code RECORDING} (this worker dumps its
     *        profile as it exits, and a process of its own makes the cache from it), {@code REFUSED} (the JVM
     *        refused it; it is removed and recorded again) or {@code NONE}
     */
    public record WorkerStatus(int id, long pid, String state, long baselinePrivateBytes, long currentPrivateBytes,
            long peakPrivateBytes, long rssBytes, long tasksDone, int recycles, double startupMillis,
            String startupCache) {
    }

    /** Median worker start-up in milliseconds (spawn to connected), or -1 when none started yet. */
    public double medianStartMillis() {
        if (workerStartMillis.isEmpty()) {
            return -1;
        }
        List<Double> sorted = workerStartMillis.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}

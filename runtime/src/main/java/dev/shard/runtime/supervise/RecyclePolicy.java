package dev.shard.runtime.supervise;

import java.util.Optional;

/**
 * When a worker must be replaced: a pure function of its figures, so it is tested
 * without processes. Limits of zero are off.
 *
 * @param memoryLimit recycle at a task boundary when private bytes exceed this
 * @param hardLimit kill at once when private bytes exceed this
 * @param driftThreshold recycle when private bytes exceed baseline × (1 + driftThreshold)
 * @param maxTasksPerWorker recycle once a worker has run this many tasks
 */
public record RecyclePolicy(long memoryLimit, long hardLimit, double driftThreshold, long maxTasksPerWorker) {

    /** What supervision knows about one worker at one moment. */
    public record WorkerFigures(long privateBytes, long baselinePrivateBytes, long tasksDone) {
    }

    /** Checked on every memory sample: only the hard limit acts between task boundaries. */
    public Optional<RecycleReason> immediate(WorkerFigures figures) {
        if (hardLimit > 0 && figures.privateBytes() > hardLimit) {
            return Optional.of(RecycleReason.HARD_LIMIT);
        }
        return Optional.empty();
    }

    /** Checked at a task boundary; the first reason that holds, most severe first. */
    public Optional<RecycleReason> atTaskBoundary(WorkerFigures figures) {
        Optional<RecycleReason> hard = immediate(figures);
        if (hard.isPresent()) {
            return hard;
        }
        if (memoryLimit > 0 && figures.privateBytes() > memoryLimit) {
            return Optional.of(RecycleReason.LIMIT);
        }
        if (driftThreshold > 0 && figures.baselinePrivateBytes() > 0
                && figures.privateBytes() > figures.baselinePrivateBytes() * (1 + driftThreshold)) {
            return Optional.of(RecycleReason.DRIFT);
        }
        if (maxTasksPerWorker > 0 && figures.tasksDone() >= maxTasksPerWorker) {
            return Optional.of(RecycleReason.MAX_TASKS);
        }
        return Optional.empty();
    }

    /** How many more tasks a worker may take before it must be recycled (Long.MAX_VALUE: no cap). */
    public long remainingTasks(long tasksAssigned) {
        return maxTasksPerWorker > 0 ? Math.max(0, maxTasksPerWorker - tasksAssigned) : Long.MAX_VALUE;
    }
}

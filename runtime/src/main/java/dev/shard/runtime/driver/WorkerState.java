package dev.shard.runtime.driver;

/** Lifecycle of one worker process as the driver sees it. */
public enum WorkerState {
    /** Spawned, not yet connected. */
    STARTING,
    /** Connected and accepting work. */
    READY,
    /** Marked for recycling: gets no new work, retires when its in-flight batches finish. */
    DRAINING,
    /** Told to exit (recycle or pool stop). */
    STOPPING,
    /** Exited or killed. */
    DEAD
}

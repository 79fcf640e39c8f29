package dev.shard.runtime.task;

/**
 * Why a shard failed for good: after {@code attempts} tries, the last one on worker
 * {@code workerId} (pid {@code workerPid}) ended with {@code error}. {@code remoteStackTrace}
 * is the stack trace as printed in the worker.
 */
public record ShardFailure(int shardId, int attempts, int workerId, long workerPid, String error,
        String remoteStackTrace) {

    /** One line naming shard, attempts, worker and error. */
    public String describe() {
        return "shard " + shardId + " failed after " + attempts + " attempt" + (attempts == 1 ? "" : "s")
                + " (last on worker " + workerId + ", pid " + workerPid + "): " + error;
    }
}

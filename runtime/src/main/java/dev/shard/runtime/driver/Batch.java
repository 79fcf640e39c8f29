package dev.shard.runtime.driver;

/** A batch of consecutive shards handed to one worker, with the attempt number they run as. */
record Batch(int runId, int firstShard, int count, int attempt, long dispatchedNanos) {
}

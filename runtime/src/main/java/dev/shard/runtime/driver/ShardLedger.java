package dev.shard.runtime.driver;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Per-shard bookkeeping of one run: state, attempts, result bytes and time. A shard's
 * result is taken once — the first successful attempt wins and later duplicates (from
 * a worker that was presumed dead) are dropped — so results are exactly-once.
 */
final class ShardLedger {
    static final byte PENDING = 0;
    static final byte RUNNING = 1;
    static final byte DONE = 2;
    static final byte FAILED = 3;

    private final byte[] states;
    private final int[] attempts;
    private final byte[][] results;
    private final long[] nanos;
    private final Deque<Integer> retries = new ArrayDeque<>();
    private int nextFresh;
    private int done;
    private int failed;

    ShardLedger(int shards) {
        states = new byte[shards];
        attempts = new int[shards];
        results = new byte[shards][];
        nanos = new long[shards];
    }

    int count() {
        return states.length;
    }

    int freshRemaining() {
        return states.length - nextFresh;
    }

    boolean hasRetry() {
        while (!retries.isEmpty() && states[retries.peekFirst()] != PENDING) {
            retries.pollFirst();
        }
        return !retries.isEmpty();
    }

    /** The next shard to retry, marked running with its attempt number raised. */
    int takeRetry() {
        int shard = retries.pollFirst();
        states[shard] = RUNNING;
        attempts[shard]++;
        return shard;
    }

    /** Marks {@code count} fresh shards running (attempt 1) and returns the first id. */
    int takeFresh(int count) {
        int first = nextFresh;
        for (int shard = first; shard < first + count; shard++) {
            states[shard] = RUNNING;
            attempts[shard] = 1;
        }
        nextFresh += count;
        return first;
    }

    int attempts(int shard) {
        return attempts[shard];
    }

    byte state(int shard) {
        return states[shard];
    }

    /** Stores a result unless one is already stored; returns whether it was taken. */
    boolean succeed(int shard, byte[] result, long shardNanos) {
        if (states[shard] == DONE) {
            return false;
        }
        if (states[shard] == FAILED) {
            failed--;
        }
        states[shard] = DONE;
        results[shard] = result;
        nanos[shard] = shardNanos;
        done++;
        return true;
    }

    /** A failed or lost attempt: requeue while attempts remain, else fail for good. Returns true if requeued. */
    boolean attemptLost(int shard, int maxAttempts) {
        if (states[shard] != RUNNING) {
            return states[shard] == PENDING;
        }
        if (attempts[shard] < maxAttempts) {
            states[shard] = PENDING;
            retries.addLast(shard);
            return true;
        }
        states[shard] = FAILED;
        failed++;
        return false;
    }

    int done() {
        return done;
    }

    int failed() {
        return failed;
    }

    boolean allDone() {
        return done == states.length;
    }

    byte[] result(int shard) {
        return results[shard];
    }

    long[] nanosOfDone() {
        long[] times = new long[done];
        int next = 0;
        for (int shard = 0; shard < states.length; shard++) {
            if (states[shard] == DONE) {
                times[next++] = nanos[shard];
            }
        }
        return times;
    }
}

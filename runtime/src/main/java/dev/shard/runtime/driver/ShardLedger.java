package dev.shard.runtime.driver;

import dev.shard.runtime.protocol.PackedOutcomes;
import dev.shard.runtime.protocol.ValueCodec;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.BitSet;
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
    /** Results that arrived packed stay in their batch's array: the pack and the index in it. */
    private final PackedOutcomes[] packs;
    private final int[] packIndex;
    private final long[] nanos;
    /** Shards whose stored time came from a worker process's warm-up (its first shards). */
    private final BitSet warmup = new BitSet();
    private final Deque<Integer> retries = new ArrayDeque<>();
    /** Ranges a worker handed back unrun (it stopped early): first shard and count, in order. */
    private final Deque<int[]> returned = new ArrayDeque<>();
    private int nextFresh;
    private int lastTakenCount;
    private int done;
    private int failed;

    ShardLedger(int shards) {
        states = new byte[shards];
        attempts = new int[shards];
        results = new byte[shards][];
        packs = new PackedOutcomes[shards];
        packIndex = new int[shards];
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

    /**
     * A worker handed shards {@code first .. first + count - 1} back without running them
     * (it passed its memory limit): they wait again, their attempt not counted.
     */
    void release(int first, int count) {
        if (first < 0 || count < 0 || first + count > states.length) {
            throw new IllegalArgumentException("shards " + first + ".." + (first + count - 1) + " handed back but the run has "
                    + states.length);
        }
        int start = -1;
        for (int shard = first; shard <= first + count; shard++) {
            boolean running = shard < first + count && states[shard] == RUNNING;
            if (running) {
                states[shard] = PENDING;
                attempts[shard]--;
                if (start < 0) {
                    start = shard;
                }
            } else if (start >= 0) {
                returned.addLast(new int[] {start, shard - start});
                start = -1;
            }
        }
    }

    boolean hasReturned() {
        return !returned.isEmpty();
    }

    /** The first shard of the oldest handed-back range, at most {@code count} of it taken; {@link #lastTakenCount} says how many. */
    int takeReturned(int count) {
        int[] range = returned.peekFirst();
        int first = range[0];
        int taken = Math.min(count, range[1]);
        if (taken == range[1]) {
            returned.pollFirst();
        } else {
            range[0] += taken;
            range[1] -= taken;
        }
        for (int shard = first; shard < first + taken; shard++) {
            states[shard] = RUNNING;
            attempts[shard]++;
        }
        lastTakenCount = taken;
        return first;
    }

    int lastTakenCount() {
        return lastTakenCount;
    }

    int attempts(int shard) {
        return attempts[shard];
    }

    byte state(int shard) {
        return states[shard];
    }

    /** Stores a result unless one is already stored; returns whether it was taken. */
    boolean succeed(int shard, byte[] result, long shardNanos) {
        if (!take(shard, shardNanos)) {
            return false;
        }
        results[shard] = result;
        return true;
    }

    /**
     * Stores every result of a packed batch whose shard has none yet, in place (no copy
     * per shard). Returns how many were taken; duplicates are dropped as in {@link #succeed}.
     */
    int succeedAll(PackedOutcomes outcomes) {
        int first = outcomes.firstShard();
        int count = outcomes.size();
        if (first < 0 || first + count > states.length) {
            throw new IllegalArgumentException("results for shards " + first + ".." + (first + count - 1)
                    + " but the run has " + states.length);
        }
        int taken = 0;
        for (int index = 0; index < count; index++) {
            int shard = first + index;
            if (take(shard, outcomes.nanos(index))) {
                packs[shard] = outcomes;
                packIndex[shard] = index;
                taken++;
            }
        }
        return taken;
    }

    private boolean take(int shard, long shardNanos) {
        byte state = states[shard];
        if (state == DONE) {
            return false;
        }
        if (state == FAILED) {
            failed--;
        }
        states[shard] = DONE;
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

    /** The encoded size of every stored result together. */
    long resultBytes() {
        long total = 0;
        for (int shard = 0; shard < states.length; shard++) {
            PackedOutcomes pack = packs[shard];
            if (pack != null) {
                total += pack.length(packIndex[shard]);
            } else if (results[shard] != null) {
                total += results[shard].length;
            }
        }
        return total;
    }

    /** The decoded result of {@code shard}, null when it has none. */
    Serializable value(int shard) {
        PackedOutcomes pack = packs[shard];
        if (pack != null) {
            int index = packIndex[shard];
            return ValueCodec.decode(pack.bytes(), pack.offset(index), pack.length(index));
        }
        byte[] bytes = results[shard];
        return bytes == null ? null : ValueCodec.decode(bytes);
    }

    /** The times stored for shards {@code first .. first + count - 1} were measured while their worker process warmed up. */
    void markWarmup(int first, int count) {
        warmup.set(first, first + count);
    }

    /** Ids of done shards outside warm-up whose time exceeds {@code thresholdNanos}. */
    int[] steadyShardsSlowerThan(long thresholdNanos) {
        int[] slow = new int[16];
        int next = 0;
        for (int shard = 0; shard < states.length; shard++) {
            if (states[shard] == DONE && !warmup.get(shard) && nanos[shard] > thresholdNanos) {
                if (next == slow.length) {
                    slow = java.util.Arrays.copyOf(slow, next * 2);
                }
                slow[next++] = shard;
            }
        }
        return java.util.Arrays.copyOf(slow, next);
    }

    long nanosOf(int shard) {
        return nanos[shard];
    }

    /** Times of done shards outside warm-up. */
    long[] steadyNanosOfDone() {
        long[] times = new long[done];
        int next = 0;
        for (int shard = 0; shard < states.length; shard++) {
            if (states[shard] == DONE && !warmup.get(shard)) {
                times[next++] = nanos[shard];
            }
        }
        return java.util.Arrays.copyOf(times, next);
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

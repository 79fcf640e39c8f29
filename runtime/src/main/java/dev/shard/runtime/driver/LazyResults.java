package dev.shard.runtime.driver;

import java.io.Serializable;
import java.util.AbstractList;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A run's results in shard order, decoded from the ledger's bytes on first use. A run
 * whose kernel writes its output into a shared buffer (tiny tasks) may never read them,
 * and decoding ten thousand values costs the driver milliseconds while its code is
 * still interpreted.
 *
 * <p>Small results (in all, or per shard) are decoded all at once, on whichever thread asks first. Large ones (a
 * stage's block partials: megabytes per shard) are what the caller waits for once the
 * workers are idle, so their decoding is spread: a helper thread decodes the shards in
 * order while the caller decodes whatever it reaches first and goes on with each result
 * as soon as it is there (the engine merges shard 0 while shard 1 is being decoded). Each
 * shard is decoded exactly once, by whichever thread claims it.
 */
final class LazyResults extends AbstractList<Serializable> implements RandomAccess {
    /** Below this many result bytes in all, a helper thread costs more than it saves. */
    static final long SPREAD_BYTES = 256 * 1024;
    /**
     * Below this many bytes per shard on average the results are small values (a million tiny
     * tasks' numbers), decoded at once: spread, each one took two lock hand-offs between the
     * caller and the helper, ~200 ns a value against the ~20 it takes to decode.
     */
    static final long SPREAD_SHARD_BYTES = 4 * 1024;
    private static final int PENDING = 0;
    private static final int CLAIMED = 1;
    private static final int DECODED = 2;

    private final int size;
    private ShardLedger ledger;
    private Serializable[] values;
    private RuntimeException[] errors;
    private AtomicIntegerArray states;
    private boolean started;

    LazyResults(ShardLedger ledger) {
        this.ledger = ledger;
        this.size = ledger.count();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Serializable get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("result " + index + " of a run of " + size + " shards");
        }
        if (!start()) {
            return values[index];
        }
        if (states.get(index) != DECODED && states.compareAndSet(index, PENDING, CLAIMED)) {
            decode(index);
        }
        awaitDecoded(index);
        if (errors[index] != null) {
            throw errors[index];
        }
        return values[index];
    }

    /** Decodes at once (small results: returns false) or starts the helper (large ones: returns true). */
    private synchronized boolean start() {
        if (started) {
            return states != null;
        }
        long bytes = ledger.resultBytes();
        if (size < 2 || bytes < SPREAD_BYTES || bytes / size < SPREAD_SHARD_BYTES) {
            Serializable[] all = new Serializable[size];
            for (int shard = 0; shard < size; shard++) {
                all[shard] = ledger.value(shard);
            }
            values = all;
            started = true;
            // The bytes are no longer needed: let them go with the ledger.
            ledger = null;
            return false;
        }
        started = true;
        values = new Serializable[size];
        errors = new RuntimeException[size];
        states = new AtomicIntegerArray(size);
        Thread.ofPlatform().daemon().name("shard-results-decoder").start(this::decodeInOrder);
        return true;
    }

    private void decodeInOrder() {
        for (int shard = 0; shard < size; shard++) {
            if (states.compareAndSet(shard, PENDING, CLAIMED)) {
                decode(shard);
            }
        }
        synchronized (this) {
            // Every shard is claimed; once each is decoded the bytes can go with the ledger.
            while (!allDecoded()) {
                waitForDecoding();
            }
            ledger = null;
        }
    }

    private void decode(int shard) {
        ShardLedger source;
        synchronized (this) {
            source = ledger;
        }
        try {
            values[shard] = source.value(shard);
        } catch (RuntimeException e) {
            errors[shard] = e;
        }
        synchronized (this) {
            states.set(shard, DECODED);
            notifyAll();
        }
    }

    private void awaitDecoded(int shard) {
        if (states.get(shard) == DECODED) {
            return;
        }
        synchronized (this) {
            while (states.get(shard) != DECODED) {
                waitForDecoding();
            }
        }
    }

    private boolean allDecoded() {
        for (int shard = 0; shard < size; shard++) {
            if (states.get(shard) != DECODED) {
                return false;
            }
        }
        return true;
    }

    private void waitForDecoding() {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a run's results to be decoded", e);
        }
    }
}

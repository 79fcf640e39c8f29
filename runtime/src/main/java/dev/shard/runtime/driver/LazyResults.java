package dev.shard.runtime.driver;

import java.io.Serializable;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A run's results in shard order, decoded from the ledger's bytes on first use. A run
 * whose kernel writes its output into a shared buffer (tiny tasks) may never read them,
 * and decoding ten thousand values costs the driver milliseconds while its code is
 * still interpreted. Decoding runs once, all at once, on whichever thread asks first.
 */
final class LazyResults extends AbstractList<Serializable> implements RandomAccess {
    private final int size;
    private ShardLedger ledger;
    private Serializable[] values;

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
        return decoded()[index];
    }

    private synchronized Serializable[] decoded() {
        if (values == null) {
            Serializable[] all = new Serializable[size];
            for (int shard = 0; shard < size; shard++) {
                all[shard] = ledger.value(shard);
            }
            values = all;
            // The bytes are no longer needed: let them go with the ledger.
            ledger = null;
        }
        return values;
    }
}

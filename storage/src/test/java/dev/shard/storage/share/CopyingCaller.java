package dev.shard.storage.share;

/**
 * Caller code that lives in a storage package but outside the storage library: the copy
 * ledger must name it as the call site, whatever its name.
 */
final class CopyingCaller {
    private CopyingCaller() {
    }

    static double[] fetch(Object handle) {
        return (double[]) Shared.fetch(handle);
    }
}

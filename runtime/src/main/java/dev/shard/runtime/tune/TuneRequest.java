package dev.shard.runtime.tune;

import java.util.Objects;

/**
 * Everything the tuner decides from.
 *
 * @param memoryBudgetBytes  the whole run's budget: shared segments plus every worker's private memory
 * @param sharedBytes        bytes already published in shared segments (inputs, earlier stages' outputs)
 * @param amplification      a shard's private working set per byte of its input rows (an
 *                           operator's declared factor; a kernel's footprint per row / bytes per row)
 * @param nanosPerRow        estimated compute per row, for the overhead floor
 * @param pinnedRowsPerShard the user's size, or 0 when the tuner chooses
 * @param blockRows          the determinism block: sizes are multiples of it (1 = any size)
 * @param heldBytesPerWorker private bytes every worker holds for the whole stage beside its base,
 *                           whatever its shards (a broadcast join's hash tables)
 */
public record TuneRequest(DataShape shape, MachineProfile machine, long memoryBudgetBytes, long sharedBytes,
        double amplification, double nanosPerRow, long pinnedRowsPerShard, long blockRows, long heldBytesPerWorker) {
    /** The engine's determinism block: floating-point partials fold per 65,536 rows. */
    public static final long ENGINE_BLOCK_ROWS = 65_536;

    public TuneRequest {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(machine, "machine");
        if (memoryBudgetBytes <= 0 || sharedBytes < 0) {
            throw new IllegalArgumentException("the memory budget must be positive and shared bytes not negative, got "
                    + memoryBudgetBytes + " and " + sharedBytes);
        }
        if (!(amplification >= 0) || Double.isInfinite(amplification)) {
            throw new IllegalArgumentException("amplification must be a finite number ≥ 0, got " + amplification);
        }
        if (!(nanosPerRow > 0) || Double.isInfinite(nanosPerRow)) {
            throw new IllegalArgumentException("nanos per row must be a finite number > 0, got " + nanosPerRow);
        }
        if (pinnedRowsPerShard < 0) {
            throw new IllegalArgumentException("pinned rows per shard must be ≥ 0 (0 = not pinned), got "
                    + pinnedRowsPerShard);
        }
        if (blockRows < 1) {
            throw new IllegalArgumentException("block rows must be ≥ 1, got " + blockRows);
        }
        if (heldBytesPerWorker < 0) {
            throw new IllegalArgumentException("bytes held per worker must be ≥ 0, got " + heldBytesPerWorker);
        }
    }

    /** A request whose workers hold nothing for the whole stage beside their base. */
    public TuneRequest(DataShape shape, MachineProfile machine, long memoryBudgetBytes, long sharedBytes,
            double amplification, double nanosPerRow, long pinnedRowsPerShard, long blockRows) {
        this(shape, machine, memoryBudgetBytes, sharedBytes, amplification, nanosPerRow, pinnedRowsPerShard, blockRows,
                0);
    }

    /** What a worker holds before its shard's working set: its JVM's base and the stage's held bytes. */
    long fixedBytesPerWorker() {
        return Saturating.add(machine.workerBasePrivateBytes(), heldBytesPerWorker);
    }

    /** The per-worker fixed part as the arithmetic prints it: "56 MiB JVM" or "(56 MiB JVM + 244 MiB hash tables)". */
    String fixedPerWorkerText(String baseLabel) {
        String base = HumanUnits.bytes(machine.workerBasePrivateBytes()) + baseLabel;
        return heldBytesPerWorker == 0 ? base
                : "(" + base + " + " + HumanUnits.bytes(heldBytesPerWorker) + " hash tables)";
    }

    public boolean pinned() {
        return pinnedRowsPerShard > 0;
    }

    /** A worker's private bytes for one shard of {@code rows} rows, rounded up. */
    double workingBytesPerRow() {
        return shape.bytesPerRow() * amplification;
    }
}

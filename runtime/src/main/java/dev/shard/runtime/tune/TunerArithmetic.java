package dev.shard.runtime.tune;

import java.util.ArrayList;
import java.util.List;

/**
 * The tuner's one-line explanation: the size, the binding constraint with its formula,
 * then the other bounds, e.g. {@code shard rows 1.25M ← memory: (4.0 GiB − 1.2 GiB shared −
 * 2 × 42 MiB JVM) / 2 workers / 3.1× amplification / 16 B/row; overhead floor 64K; balance ≥
 * 4 shards/worker}.
 */
final class TunerArithmetic {
    private TunerArithmetic() {
    }

    static String render(TuneRequest request, long size, BindingConstraint binding, ShardTuner.Bounds bounds,
            ItemUnit unit) {
        List<String> parts = new ArrayList<>();
        String head = "shard " + unit.plural() + " " + HumanUnits.rows(size) + " ← " + binding.displayName() + ": ";
        parts.add(head + switch (binding) {
            case MEMORY -> memoryFormula(request, unit);
            case OVERHEAD -> overheadFormula(request, unit) + evenly(request, size, bounds, unit);
            case BALANCE -> balanceFormula(request, unit);
            case PINNED -> pinnedFormula(request, size, unit);
        });
        if (binding != BindingConstraint.MEMORY) {
            parts.add("memory ceiling " + (bounds.memoryUnlimited() ? "unlimited" : HumanUnits.rows(bounds.memoryCeiling())));
        }
        if (binding != BindingConstraint.OVERHEAD) {
            boolean unmet = binding == BindingConstraint.MEMORY && size < bounds.overheadFloor();
            parts.add("overhead floor " + HumanUnits.rows(bounds.overheadFloor()) + (unmet ? " (not met)" : ""));
        }
        if (binding != BindingConstraint.BALANCE) {
            parts.add("balance ≥ " + ShardTuner.SHARDS_PER_WORKER + " shards/worker");
        }
        return String.join("; ", parts);
    }

    private static String memoryFormula(TuneRequest request, ItemUnit unit) {
        MachineProfile machine = request.machine();
        String shared = request.sharedBytes() == 0 ? "" : " − " + HumanUnits.bytes(request.sharedBytes()) + " shared";
        return "(" + HumanUnits.bytes(request.memoryBudgetBytes()) + shared + " − " + machine.workers() + " × "
                + request.fixedPerWorkerText(" JVM") + ") / " + workers(machine.workers()) + " / "
                + HumanUnits.factor(request.amplification()) + " amplification / "
                + HumanUnits.bytes(request.shape().bytesPerRow()) + "/" + unit.singular();
    }

    private static String overheadFormula(TuneRequest request, ItemUnit unit) {
        return ShardTuner.OVERHEAD_FACTOR + " × " + HumanUnits.nanos(request.machine().dispatchOverheadNanos())
                + " dispatch / " + HumanUnits.nanos(request.nanosPerRow()) + "/" + unit.singular();
    }

    /** When the floor was raised so the shards split evenly over the workers (ShardTuner.evenOverWorkers). */
    private static String evenly(TuneRequest request, long size, ShardTuner.Bounds bounds, ItemUnit unit) {
        if (size <= bounds.overheadFloor()) {
            return "";
        }
        long shards = Math.ceilDiv(request.shape().rows(), size);
        return " = " + HumanUnits.rows(bounds.overheadFloor()) + ", raised to " + shards + " even shards ("
                + shards / request.machine().workers() + " per worker) of " + HumanUnits.rows(request.shape().rows())
                + " " + unit.plural();
    }

    private static String balanceFormula(TuneRequest request, ItemUnit unit) {
        long rows = request.shape().rows();
        if (rows == 0) {
            return "empty input, one shard runs the stage once";
        }
        if (rows < request.blockRows()) {
            return "the whole input (" + HumanUnits.rows(rows) + " " + unit.plural() + ") is smaller than one "
                    + HumanUnits.rows(request.blockRows()) + "-" + unit.singular() + " block";
        }
        int workers = request.machine().workers();
        String formula = HumanUnits.rows(rows) + " " + unit.plural() + " / (" + workers(workers) + " × "
                + ShardTuner.SHARDS_PER_WORKER + " shards/worker)";
        long share = Math.ceilDiv(rows, (long) workers * ShardTuner.SHARDS_PER_WORKER);
        String block = HumanUnits.rows(request.blockRows()) + "-" + unit.singular() + " block";
        if (share < request.blockRows()) {
            return formula + ", at least one " + block;
        }
        return share % request.blockRows() == 0 ? formula : formula + ", rounded up to whole " + block + "s";
    }

    private static String pinnedFormula(TuneRequest request, long size, ItemUnit unit) {
        long pinned = request.pinnedRowsPerShard();
        if (pinned == size) {
            return "set by the user";
        }
        return HumanUnits.count(pinned) + " set by the user, rounded up to a multiple of the "
                + HumanUnits.rows(request.blockRows()) + "-" + unit.singular() + " block";
    }

    private static String workers(int workers) {
        return workers + (workers == 1 ? " worker" : " workers");
    }
}

package dev.shard.runtime.tune;

/**
 * A memory budget that cannot be met, refused before anything starts. The message names
 * the budget, what it must hold and the smallest budget that works, for example
 * {@code memory budget 1.0 GiB cannot hold 1.2 GiB of shared data plus 2 × 42 MiB of worker
 * JVMs: use at least 1.4 GiB (--memory-budget)}.
 */
public final class InfeasibleBudgetException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long memoryBudgetBytes;
    private final long smallestFeasibleBudgetBytes;

    InfeasibleBudgetException(String message, long memoryBudgetBytes, long smallestFeasibleBudgetBytes) {
        super(message);
        this.memoryBudgetBytes = memoryBudgetBytes;
        this.smallestFeasibleBudgetBytes = smallestFeasibleBudgetBytes;
    }

    /** The budget that was asked for. */
    public long memoryBudgetBytes() {
        return memoryBudgetBytes;
    }

    /** The smallest budget with which the same request succeeds. */
    public long smallestFeasibleBudgetBytes() {
        return smallestFeasibleBudgetBytes;
    }

    /** Why {@code request} fails, given that one shard of {@code shardRows} rows needs {@code shardBytes}. */
    static InfeasibleBudgetException of(TuneRequest request, long shardRows, long shardBytes, long smallest) {
        MachineProfile machine = request.machine();
        long budget = request.memoryBudgetBytes();
        String holdings = HumanUnits.bytes(request.sharedBytes()) + " of shared data " + "%s " + machine.workers()
                + " × " + request.fixedPerWorkerText(" of worker JVMs");
        String[] apart = HumanUnits.bytesApart(budget, smallest);
        String advice = ": use at least " + apart[1] + " (--memory-budget)"
                + (request.pinned() ? " or pin fewer rows per shard" : "");
        long fixed = Saturating.add(request.sharedBytes(),
                Saturating.multiply(machine.workers(), request.fixedBytesPerWorker()));
        String message;
        if (budget < fixed) {
            message = "memory budget " + apart[0] + " cannot hold " + holdings.formatted("plus")
                    + advice;
        } else {
            long share = (budget - fixed) / machine.workers();
            String shard = request.pinned() ? "the pinned shard of " : "a shard of ";
            message = "memory budget " + apart[0] + " leaves " + HumanUnits.bytes(share)
                    + " per worker after " + holdings.formatted("and") + ", but " + shard
                    + HumanUnits.rows(shardRows) + " rows needs " + HumanUnits.bytes(shardBytes) + " ("
                    + HumanUnits.rows(shardRows) + " rows × " + HumanUnits.bytes(request.shape().bytesPerRow())
                    + "/row × " + HumanUnits.factor(request.amplification()) + " amplification)" + advice;
        }
        return new InfeasibleBudgetException(message, budget, smallest);
    }
}

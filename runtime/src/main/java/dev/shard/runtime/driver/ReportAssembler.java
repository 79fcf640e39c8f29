package dev.shard.runtime.driver;

import dev.shard.runtime.report.RunReport;
import java.util.ArrayList;
import java.util.List;

/** Builds a {@link RunReport} from a finished run and the pool that ran it, advice included. */
final class ReportAssembler {

    private ReportAssembler() {
    }

    /**
     * {@code shardItems} gives a shard's item count, for the skew evidence, null when unknown;
     * {@code now} is when the run ended (its report's total ends there, however late it is assembled).
     */
    static RunReport assemble(DriverConductor conductor, RunConductor run, String runError,
            java.util.function.IntToLongFunction shardItems, long now) {
        long computeEnd = run.computeEndNanos() == 0 ? now : run.computeEndNanos();
        // The pool's start belongs to its first run only; a warm pool's later runs did not pay it.
        double poolStart = run.runId() == 1 ? conductor.poolStartSeconds : 0;
        RunReport.Timings timings = new RunReport.Timings(poolStart, run.maxOpenNanos() / 1e9,
                (computeEnd - run.startNanos()) / 1e9, (now - run.startNanos()) / 1e9);
        ShardLedger ledger = run.ledger();
        RunReport.ShardCounts shards = new RunReport.ShardCounts(ledger.count(), ledger.done(), ledger.failed(),
                run.retries());
        List<RunReport.WorkerReport> workers = new ArrayList<>();
        long sharedBytes = 0;
        for (SlotRecord slot : run.slots()) {
            workers.add(new RunReport.WorkerReport(slot.slot, slot.pid, slot.baselinePrivateBytes,
                    slot.peakPrivateBytes, slot.endPrivateBytes, slot.peakRssBytes, slot.tasks, slot.recycles,
                    slot.startMillis));
            sharedBytes = Math.max(sharedBytes, slot.peakSharedGrowth);
        }
        RunReport.ShardTimes times = shardTimes(ledger.nanosOfDone(), ledger.steadyNanosOfDone());
        boolean succeeded = runError == null && ledger.allDone();
        RunReport draft = new RunReport(RunReport.SCHEMA_VERSION, succeeded ? "succeeded" : "failed", timings,
                shards, workers, run.recycles(), run.deaths(), run.copies(), sharedBytes, times,
                run.failureReports(), List.of());
        SlowShards slow = SlowShards.of(ledger, (long) (Diagnosis.SKEW_FACTOR * times.p50() * 1e9), shardItems);
        List<String> advice = new ArrayList<>(advise(draft, runError, slow));
        long memoryLimit = conductor.context.memoryLimit();
        if (memoryLimit > 0 && workers.stream().anyMatch(worker -> worker.baselinePrivateBytes() > memoryLimit)) {
            advice.add("memoryLimit (" + memoryLimit + " bytes) is below what a worker needs once warm ("
                    + workers.stream().mapToLong(RunReport.WorkerReport::baselinePrivateBytes).max().orElse(0)
                    + " bytes): workers are recycled after every batch; raise memoryLimit");
        }
        RunReport.Limits limits = new RunReport.Limits(memoryLimit, conductor.context.hardLimit(),
                conductor.context.limitsSource());
        return new RunReport(draft.schemaVersion(), draft.status(), timings, shards, workers, draft.recycles(),
                draft.deaths(), draft.copies(), sharedBytes, times, draft.failures(), advice, limits,
                run.peakSimultaneousPrivateBytes());
    }

    /**
     * Median, 95th percentile and maximum of the shard times. Selection, not a sort: it runs
     * once per run over up to millions of times, mostly before the JIT has compiled it, where
     * sorting a million values costs over 100 ms.
     */
    static RunReport.ShardTimes shardTimes(long[] nanos, long[] steadyNanos) {
        RunReport.ShardTimes all = shardTimes(nanos);
        long steadyMax = 0;
        for (long value : steadyNanos) {
            steadyMax = Math.max(steadyMax, value);
        }
        return new RunReport.ShardTimes(all.p50(), all.p95(), all.max(), steadyMax / 1e9);
    }

    static RunReport.ShardTimes shardTimes(long[] nanos) {
        if (nanos.length == 0) {
            return new RunReport.ShardTimes(0, 0, 0);
        }
        long[] values = nanos.clone();
        long max = Long.MIN_VALUE;
        for (long value : values) {
            max = Math.max(max, value);
        }
        int median = rank(values.length, 0.50);
        long p50 = select(values, 0, median);
        // The first selection left everything from the median up at or after it.
        long p95 = select(values, median, rank(values.length, 0.95));
        return new RunReport.ShardTimes(p50 / 1e9, p95 / 1e9, max / 1e9);
    }

    private static int rank(int count, double fraction) {
        return Math.max(0, Math.min(count - 1, (int) Math.ceil(fraction * count) - 1));
    }

    /** The value that would sit at index {@code k} if {@code values[from..]} were sorted; reorders them. */
    static long select(long[] values, int from, int k) {
        int low = from;
        int high = values.length - 1;
        while (high > low) {
            int middle = (low + high) >>> 1;
            long pivot = medianOfThree(values[low], values[middle], values[high]);
            int i = low;
            int j = high;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long swap = values[i];
                    values[i] = values[j];
                    values[j] = swap;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                high = j;
            } else if (k >= i) {
                low = i;
            } else {
                return values[k];
            }
        }
        return values[k];
    }

    private static long medianOfThree(long a, long b, long c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    static List<String> advise(RunReport report, String runError, SlowShards slow) {
        List<String> advice = new ArrayList<>();
        if (runError != null) {
            advice.add("the run could not finish: " + runError);
        }
        if (!report.failures().isEmpty()) {
            RunReport.FailureReport first = report.failures().getFirst();
            advice.add("shard " + first.shard() + " failed " + first.attempts() + " times with: " + first.error()
                    + " — fix the kernel or its input; retries do not help a deterministic error");
        }
        advice.addAll(Diagnosis.of(report, slow));
        return advice;
    }
}

package dev.shard.runtime.driver;

import dev.shard.runtime.report.RunReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What slowed a run down, told apart: warm-up (each worker process's first shards run
 * before the JIT has compiled the kernel), skew in the data (slow shards after warm-up),
 * recycling (workers replaced mid-run start cold), dispatch overhead (shards so small that
 * sending them costs more than running them), and deaths and copies. Each piece of advice
 * starts with the kind it saw, so a cold pool on even data is not told to split its data.
 *
 * <p>Skew needs evidence in the data: {@value #SEVERAL_SLOW} or more slow shards after
 * warm-up, or slow shards holding {@value #LARGER_ITEMS}× the median shard's items or more.
 * One or two slow shards among equal ones are outliers (a GC pause, a worker preempted on a
 * busy machine, input pages read for the first time): they are named as such, with those
 * causes, and the data are not called uneven.
 */
final class Diagnosis {
    static final double TINY_SHARD_SECONDS = 100e-6;
    static final int MANY_SHARDS = 1_000;
    static final double SKEW_FACTOR = 10;
    static final int SEVERAL_SLOW = 3;
    static final double LARGER_ITEMS = 1.5;

    private Diagnosis() {
    }

    static List<String> of(RunReport report, SlowShards slow) {
        List<String> advice = new ArrayList<>();
        recycling(report, advice);
        if (!report.deaths().isEmpty()) {
            advice.add("deaths: " + report.deaths().size() + " worker death(s); their unreported shards were re-run."
                    + " First cause: " + report.deaths().getFirst().cause());
        }
        if (report.copies().bytes() > 0) {
            String site = report.copies().topCallSites().isEmpty() ? "unknown site"
                    : report.copies().topCallSites().getFirst().site();
            advice.add(String.format(Locale.ROOT, "copies: %d bytes were copied out of shared memory (most at %s):"
                    + " read through the shared view to stay zero-copy", report.copies().bytes(), site));
        }
        RunReport.ShardTimes times = report.shardTimes();
        if (report.shards().total() >= MANY_SHARDS && times.p50() > 0 && times.p50() < TINY_SHARD_SECONDS) {
            advice.add(String.format(Locale.ROOT, "dispatch overhead: shards are tiny (median %.1f us): use bigger"
                    + " blocks (Shards.contiguous with a larger blockSize) to cut per-shard overhead",
                    times.p50() * 1e6));
        }
        slowShards(report, slow, advice);
        return advice;
    }

    private static void recycling(RunReport report, List<String> advice) {
        long drift = report.recycles().stream().filter(r -> r.reason().equals("drift")).count();
        long limit = report.recycles().stream().filter(r -> r.reason().equals("limit")
                || r.reason().equals("hardLimit")).count();
        if (drift > 0) {
            advice.add("recycling: " + drift + " recycle(s) for memory drift: the kernel keeps memory across tasks"
                    + " (a cache or a leak); release it, or raise driftThreshold if the growth is expected");
        }
        if (limit > 0) {
            advice.add("recycling: " + limit + " recycle(s) over the memory limit: use smaller shards, write into"
                    + " output buffers instead of returning big results, or raise memoryLimit");
        }
        long others = report.recycles().size() - drift - limit;
        if (others > 0) {
            advice.add("recycling: " + others + " recycle(s) for maxTasksPerWorker: each replacement starts a cold"
                    + " JVM and warms up again; raise maxTasksPerWorker if the workers do not leak");
        }
    }

    private static void slowShards(RunReport report, SlowShards slow, List<String> advice) {
        RunReport.ShardTimes times = report.shardTimes();
        if (times.p50() <= 0 || report.shards().total() <= 1 || times.max() <= SKEW_FACTOR * times.p50()) {
            return;
        }
        double slowest = times.max() / times.p50();
        double steady = times.steadyMax() / times.p50();
        if (steady > SKEW_FACTOR) {
            advice.add(slow.count() >= SEVERAL_SLOW || slow.itemsRatio() >= LARGER_ITEMS ? skew(steady, slow)
                    : outlier(steady, slow));
            return;
        }
        if (times.steadyMax() <= 0) {
            // Every shard ran during warm-up: nothing tells even data from skewed data here.
            advice.add(String.format(Locale.ROOT, "warm-up: the slowest shards (up to %.1fx the median) ran while"
                    + " the JIT was still compiling the kernel, and every shard of this run did: too few shards to"
                    + " judge skew. A warm pool (reuse it across runs) avoids this", slowest));
            return;
        }
        advice.add(String.format(Locale.ROOT, "warm-up: the slowest shards (up to %.1fx the median) were each"
                + " worker's first ones, run before the JIT compiled the kernel; after warm-up the slowest took %.1fx:"
                + " the data are even. A warm pool (reuse it across runs) avoids this", slowest, steady));
    }

    private static String skew(double steady, SlowShards slow) {
        String evidence = slow.itemsRatio() >= LARGER_ITEMS
                ? String.format(Locale.ROOT, "%s up to %.1fx the median shard's items: cut the data into"
                        + " shards of equal size, or smaller ones", slow.count() == 1 ? "it holds" : "they hold",
                        slow.itemsRatio())
                : "with no more items than the median shard, so some items cost more than others: split the data"
                        + " into smaller shards so workers stay balanced";
        return String.format(Locale.ROOT, "skew: %d shard%s after warm-up took over %.0fx the median (the slowest"
                + " %.1fx); %s", slow.count(), slow.count() == 1 ? "" : "s", SKEW_FACTOR, steady, evidence);
    }

    private static String outlier(double steady, SlowShards slow) {
        String shard = slow.slowest() < 0 ? "one shard" : "shard " + slow.slowest();
        String what = slow.count() <= 1
                ? String.format(Locale.ROOT, "%s alone took %.1fx the median", shard, steady)
                : String.format(Locale.ROOT, "%d shards took up to %.1fx the median (the slowest: shard %d)",
                        slow.count(), steady, slow.slowest());
        String size = Double.isNaN(slow.itemsRatio()) ? "shard sizes unknown"
                : String.format(Locale.ROOT, "%.1fx the median shard's items", slow.itemsRatio());
        String load = slow.loadAverage() < 0 ? "" : String.format(Locale.ROOT, " (load average %.1f on %d"
                + " processors)", slow.loadAverage(), slow.processors());
        return "outlier: after warm-up " + what + ", with " + size + ": too few to be skew in the data. Likely"
                + " causes: a garbage-collection pause in its worker, the worker preempted by other work on the"
                + " machine" + load + ", or its input read from memory for the first time. Run again to see whether"
                + " it recurs before changing the shards";
    }
}

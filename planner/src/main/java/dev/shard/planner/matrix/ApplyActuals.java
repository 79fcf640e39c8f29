package dev.shard.planner.matrix;

import dev.shard.runtime.report.RunReport;
import java.util.List;

/**
 * What an apply did when it ran, for {@code explain --analyze}: the calls made, the shards
 * run, the seconds from the first shard to the last, each worker slot's peak private memory
 * (RssAnon, sampled from /proc over the run), and retries and recycles.
 */
public record ApplyActuals(long calls, int shards, double seconds, List<Long> peakPrivateBytesPerWorker,
        int retries, int recycles) {
    public ApplyActuals {
        peakPrivateBytesPerWorker = List.copyOf(peakPrivateBytesPerWorker);
        if (calls < 0 || shards < 0 || retries < 0 || recycles < 0) {
            throw new IllegalArgumentException("an apply's actual calls, shards, retries and recycles are ≥ 0, got "
                    + calls + ", " + shards + ", " + retries + " and " + recycles);
        }
    }

    /** The actuals of a run that made {@code calls} calls (what the shards' results add up to). */
    public static ApplyActuals of(RunReport report, long calls) {
        return new ApplyActuals(calls, report.shards().succeeded(), report.timings().computeSeconds(),
                report.workers().stream().map(RunReport.WorkerReport::peakPrivateBytes).toList(),
                report.shards().retries(), report.recycles().size());
    }

    /** The largest peak of any worker (-1 when none was sampled). */
    public long largestPeakPrivateBytes() {
        return peakPrivateBytesPerWorker.stream().mapToLong(Long::longValue).max().orElse(-1);
    }
}

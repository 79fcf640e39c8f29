package dev.shard.planner.run;

import dev.shard.runtime.report.RunReport;

/**
 * The run report of one stage of a query, kept apart so the query's report can say which
 * stage a death, recycle or retry happened in.
 *
 * @param stage      what ran, e.g. "partitioned join 0: probe side (partition step)"
 * @param startNanos {@link System#nanoTime()} when the stage's run started, to place its events in the query's time
 */
public record StageRunReport(String stage, long startNanos, RunReport report) {
    /** This report with its stage name under {@code prefix} (a nested query's stages). */
    StageRunReport within(String prefix) {
        return new StageRunReport(prefix + ": " + stage, startNanos, report);
    }
}

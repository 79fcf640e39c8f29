package dev.shard.planner.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.report.RunReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The query's report from its stages' reports: sums, per-slot peaks, events named by stage and timed from the start. */
class QueryReportsTest {
    private static final long SECOND = 1_000_000_000L;

    private static RunReport report(long peak0, long peak1, int retries, List<RunReport.DeathEvent> deaths,
            long copyBytes, long simultaneous) {
        return new RunReport(RunReport.SCHEMA_VERSION, "succeeded", new RunReport.Timings(0, 0.1, 1.0, 1.5),
                new RunReport.ShardCounts(10, 10, 0, retries),
                List.of(new RunReport.WorkerReport(0, 100, 50, peak0, 60, peak0 + 10, 5, 0, 300),
                        new RunReport.WorkerReport(1, 101, 50, peak1, 60, peak1 + 10, 5, 0, 300)),
                List.of(), deaths, new RunReport.Copies(2, copyBytes, List.of(new RunReport.CopySite("site", "what",
                        2, copyBytes))), 1_000, new RunReport.ShardTimes(0.1, 0.2, 0.3), List.of(), List.of(),
                RunReport.Limits.NONE, simultaneous);
    }

    @Test
    void stagesAddUpAndDeathsKeepTheirStage() {
        RunReport partition = report(500, 700, 2, List.of(new RunReport.DeathEvent(1, 101, "killed by signal 9",
                0.5)), 64, 1_100);
        RunReport last = report(900, 300, 0, List.of(), 32, 1_000);
        RunReport query = QueryReports.combine(0, List.of(new StageRunReport("join 0: partition step", 2 * SECOND,
                partition), new StageRunReport("final stage", 5 * SECOND, last))).orElseThrow();
        assertEquals(new RunReport.ShardCounts(20, 20, 0, 2), query.shards());
        assertEquals(List.of(900L, 700L), query.workers().stream().map(RunReport.WorkerReport::peakPrivateBytes)
                .toList());
        assertEquals(10, query.workers().getFirst().tasks());
        assertEquals(1_100, query.peakSimultaneousPrivateBytes());
        assertEquals(96, query.copies().bytes());
        assertEquals(List.of(new RunReport.CopySite("site", "what", 4, 96)), query.copies().topCallSites());
        assertEquals(2.0, query.timings().computeSeconds());
        RunReport.DeathEvent death = query.deaths().getFirst();
        assertEquals("during join 0: partition step: killed by signal 9", death.cause());
        assertEquals(2.5, death.atSeconds(), 1e-9);
        assertEquals(List.of("join 0: partition step: 2 shard retries after 1 worker deaths; only the lost shards"
                + " ran again"), query.recommendations());
    }

    @Test
    void aQuietStageHasNoEventNotes() {
        RunReport quiet = report(1, 1, 0, List.of(), 0, 2);
        assertEquals(List.of(), QueryReports.events(java.util.Optional.of(quiet)));
        List<String> notes = QueryReports.events(java.util.Optional.of(report(1, 1, 1, List.of(
                new RunReport.DeathEvent(0, 100, "killed by signal 9", 0.25)), 0, 2)));
        assertEquals("worker 0 (pid 100) died at 0.250 s: killed by signal 9; it was replaced and its shards"
                + " re-queued", notes.getFirst());
        assertTrue(notes.get(1).startsWith("1 shard retry "), notes.toString());
    }
}

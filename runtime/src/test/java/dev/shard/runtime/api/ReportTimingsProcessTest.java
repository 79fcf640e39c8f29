package dev.shard.runtime.api;

import dev.shard.runtime.report.RunReport;
import dev.shard.runtime.task.Shards;
import dev.shard.runtime.testing.SegmentArray;
import dev.shard.runtime.testing.WorkerProcesses;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.segment.Segment;
import dev.shard.storage.segment.SegmentStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's timings are measured: pool start on a pool's first run only, input mapping by the workers. */
@Tag("process")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReportTimingsProcessTest {

    @AfterAll
    static void noWorkersLeft() throws InterruptedException {
        assertEquals(List.of(), WorkerProcesses.awaitNone(), "worker processes left running");
    }

    @Test
    void poolStartCountsOnceAndMappingInputsIsMeasured() {
        try (Segment x = SegmentStore.shared().create(4096 * 8L, Backing.SHM);
                Pool pool = Pool.builder().workers(2).start()) {
            RunReport first = pool.shardMap(Shards.contiguous(4, 1), context -> 0, RunOptions.none()).report();
            assertEquals(pool.status().poolStartSeconds(), first.timings().poolStartSeconds(), first::renderText);
            assertTrue(first.timings().poolStartSeconds() > 0, first::renderText);
            assertEquals(0.0, first.timings().shareSeconds(), "no inputs, nothing mapped");

            RunOptions withInput = RunOptions.none().withInput("x", SegmentArray.Reference.readOnly(x));
            RunReport second = pool.shardMap(Shards.contiguous(4, 1),
                    context -> context.input("x", SegmentArray.class).getDouble(0), withInput).report();
            assertEquals(0.0, second.timings().poolStartSeconds(), "a warm pool's later run did not start it");
            assertTrue(second.timings().shareSeconds() > 0, "workers mapped x: " + second.toJson());
            assertTrue(second.renderText().contains("map inputs"), second.renderText());
        }
    }

    /** The report is assembled when first read, but its total ends where the run ended, not where it was read. */
    @Test
    void aReportReadLaterStillEndsAtTheRunsEnd() throws InterruptedException {
        try (Pool pool = Pool.builder().workers(2).start()) {
            long start = System.nanoTime();
            Run<Integer> run = pool.shardMap(Shards.contiguous(1_000, 1), context -> 1, RunOptions.none());
            double callSeconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(300);
            RunReport report = run.report();
            assertTrue(report.timings().totalSeconds() <= callSeconds, "total " + report.timings().totalSeconds()
                    + " s, but the call took " + callSeconds + " s and the report was read 0.3 s after it");
            assertEquals(1_000, report.shards().succeeded(), report::renderText);
            assertTrue(report == run.report(), "a second read returns the same report");
        }
    }
}

package dev.shard.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.report.RunReport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Advice from constructed reports: each kind of slowness is named as what it is. */
class DiagnosisTest {

    private static RunReport report(int shards, RunReport.ShardTimes times, List<RunReport.RecycleEvent> recycles) {
        return new RunReport(RunReport.SCHEMA_VERSION, "succeeded", new RunReport.Timings(0.3, 0, 1, 1),
                new RunReport.ShardCounts(shards, shards, 0, 0), List.of(), recycles, List.of(),
                new RunReport.Copies(0, 0, List.of()), 0, times, List.of(), List.of());
    }

    @Test
    void aColdPoolOnEvenDataIsToldItSawWarmUpNotSkew() {
        // The case: the slowest shard took 19.1x the median, and it was a worker's first.
        List<String> advice = Diagnosis.of(report(200, new RunReport.ShardTimes(0.001, 0.0012, 0.0191, 0.0013),
                List.of()), SlowShards.NONE);
        assertEquals(1, advice.size(), advice::toString);
        assertTrue(advice.getFirst().startsWith("warm-up: the slowest shards (up to 19.1x the median)"), advice::toString);
        assertTrue(advice.getFirst().contains("after warm-up the slowest took 1.3x"), advice::toString);
    }

    @Test
    void aRunOfWarmUpShardsOnlyDoesNotClaimTheDataAreEven() {
        // Eight shards on two workers: every shard is in some worker's warm-up, none after it.
        List<String> advice = Diagnosis.of(report(8, new RunReport.ShardTimes(0.005, 0.099, 0.099, 0),
                List.of()), SlowShards.NONE);
        assertEquals(1, advice.size(), advice::toString);
        assertTrue(advice.getFirst().startsWith("warm-up: the slowest shards (up to 19.8x the median)"), advice::toString);
        assertTrue(advice.getFirst().contains("too few shards to judge skew"), advice::toString);
        assertFalse(advice.getFirst().contains("the data are even"), advice::toString);
    }

    @Test
    void severalSlowShardsAfterWarmUpAreSkew() {
        List<String> advice = Diagnosis.of(report(200, new RunReport.ShardTimes(0.001, 0.002, 0.05, 0.04),
                List.of()), new SlowShards(5, 17, 1.0, 0.5, 2));
        assertEquals(List.of("skew: 5 shards after warm-up took over 10x the median (the slowest 40.0x); with no more"
                + " items than the median shard, so some items cost more than others: split the data into smaller"
                + " shards so workers stay balanced"), advice);
    }

    @Test
    void oneSlowShardWithMoreItemsIsSkew() {
        List<String> advice = Diagnosis.of(report(200, new RunReport.ShardTimes(0.001, 0.002, 0.05, 0.04),
                List.of()), new SlowShards(1, 199, 12.0, 0.5, 2));
        assertEquals(List.of("skew: 1 shard after warm-up took over 10x the median (the slowest 40.0x); it holds up"
                + " to 12.0x the median shard's items: cut the data into shards of equal size, or smaller ones"),
                advice);
    }

    @Test
    void aLoneSlowShardOfOrdinarySizeIsAnOutlierNotSkew() {
        // One GC pause or a preempted worker among 200 equal shards: not uneven data.
        List<String> advice = Diagnosis.of(report(200, new RunReport.ShardTimes(0.001, 0.0012, 0.05, 0.04),
                List.of()), new SlowShards(1, 42, 1.0, 3.4, 2));
        assertEquals(List.of("outlier: after warm-up shard 42 alone took 40.0x the median, with 1.0x the median"
                + " shard's items: too few to be skew in the data. Likely causes: a garbage-collection pause in its"
                + " worker, the worker preempted by other work on the machine (load average 3.4 on 2 processors), or"
                + " its input read from memory for the first time. Run again to see whether it recurs before changing"
                + " the shards"), advice);
        assertFalse(advice.getFirst().contains("split"), advice::toString);
    }

    @Test
    void twoSlowShardsOfOrdinarySizeAreOutliers() {
        List<String> advice = Diagnosis.of(report(200, new RunReport.ShardTimes(0.001, 0.0012, 0.05, 0.04),
                List.of()), new SlowShards(2, 7, 1.2, -1, 2));
        assertEquals(1, advice.size(), advice::toString);
        assertTrue(advice.getFirst().startsWith("outlier: after warm-up 2 shards took up to 40.0x the median (the"
                + " slowest: shard 7), with 1.2x the median shard's items: too few to be skew"), advice::toString);
        assertTrue(advice.getFirst().contains("preempted by other work on the machine, or"), advice::toString);
    }

    @Test
    void shardSizesComparedWithTheMedianShard() {
        // 100 shards of 1,000 items, the last of 4,000: the slow last shard holds 4x the median.
        assertEquals(4.0, SlowShards.largestOverMedian(new int[] {99}, 100, id -> id == 99 ? 4_000 : 1_000));
        assertEquals(1.0, SlowShards.largestOverMedian(new int[] {3}, 100, id -> id == 99 ? 4_000 : 1_000));
    }

    @Test
    void evenWarmDataGetsNoAdvice() {
        assertEquals(List.of(), Diagnosis.of(report(200, new RunReport.ShardTimes(0.001, 0.0011, 0.002),
                List.of()), SlowShards.NONE));
    }

    @Test
    void tinyShardsAreDispatchOverhead() {
        List<String> advice = Diagnosis.of(report(1_000_000, new RunReport.ShardTimes(2e-7, 3e-7, 5e-7),
                List.of()), SlowShards.NONE);
        assertEquals(1, advice.size(), advice::toString);
        assertTrue(advice.getFirst().startsWith("dispatch overhead: shards are tiny (median 0.2 us)"),
                advice::toString);
    }

    @Test
    void recyclesAreNamedByTheirReason() {
        List<String> advice = Diagnosis.of(report(200, new RunReport.ShardTimes(0.001, 0.0011, 0.002), List.of(
                new RunReport.RecycleEvent(0, 11, "limit", 300L << 20, 1.0),
                new RunReport.RecycleEvent(1, 12, "drift", 200L << 20, 1.5),
                new RunReport.RecycleEvent(0, 13, "maxTasks", 100L << 20, 2.0))), SlowShards.NONE);
        assertEquals(3, advice.size(), advice::toString);
        assertTrue(advice.stream().allMatch(line -> line.startsWith("recycling: ")), advice::toString);
        assertTrue(advice.get(0).contains("memory drift"));
        assertTrue(advice.get(1).contains("over the memory limit"));
        assertTrue(advice.get(2).contains("maxTasksPerWorker"));
    }

    @Test
    void warmUpAndSkewTogetherReportTheSkew() {
        List<String> advice = Diagnosis.of(report(200, new RunReport.ShardTimes(0.001, 0.002, 0.09, 0.03),
                List.of()), new SlowShards(4, 3, 1.0, -1, 2));
        assertEquals(1, advice.size(), advice::toString);
        assertTrue(advice.getFirst().startsWith("skew: 4 shards after warm-up took over 10x the median (the slowest"
                + " 30.0x)"), advice::toString);
    }
}

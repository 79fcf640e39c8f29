package dev.shard.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunReportTest {

    static RunReport sample() {
        return new RunReport(1, "succeeded", new RunReport.Timings(0.5, 0, 1.25, 1.5),
                new RunReport.ShardCounts(10, 10, 0, 2),
                List.of(new RunReport.WorkerReport(0, 123, 40 << 20, 60 << 20, 41 << 20, 90 << 20, 10, 1, 212.5)),
                List.of(new RunReport.RecycleEvent(0, 122, "drift", 70 << 20, 0.75)),
                List.of(new RunReport.DeathEvent(0, 121, "killed by SIGKILL (exit 137)", 0.25)),
                new RunReport.Copies(1, 800, List.of(new RunReport.CopySite("K.run(K.java:3)", "materialize", 1, 800))),
                4096, new RunReport.ShardTimes(0.001, 0.002, 0.003),
                List.of(), List.of("say \"why\""),
                new RunReport.Limits(300L << 20, 4L << 30, "cgroup v2 memory.max (/sys/fs/cgroup/ctr/memory.max)"),
                100L << 20);
    }

    @Test
    void jsonHasEveryFieldInAFixedOrder() {
        String json = sample().toJson();
        assertTrue(json.startsWith("{\"schemaVersion\":1,\"status\":\"succeeded\",\"timings\":{\"poolStartSeconds\":0.5,"
                + "\"shareSeconds\":0.0,\"computeSeconds\":1.25,\"totalSeconds\":1.5},"
                + "\"shards\":{\"total\":10,\"succeeded\":10,\"failed\":0,\"retries\":2},"
                + "\"limits\":{\"memoryLimitBytes\":314572800,\"hardLimitBytes\":4294967296,"
                + "\"source\":\"cgroup v2 memory.max (/sys/fs/cgroup/ctr/memory.max)\"},"), json);
        assertTrue(json.contains("\"workers\":[{\"id\":0,\"pid\":123,\"baselinePrivateBytes\":41943040,"
                + "\"peakPrivateBytes\":62914560,\"endPrivateBytes\":42991616,\"peakRssBytes\":94371840,"
                + "\"tasks\":10,\"recycles\":1,\"startMillis\":212.5}],\"peakSimultaneousPrivateBytes\":104857600,"),
                json);
        assertTrue(json.contains("\"recycles\":[{\"worker\":0,\"pid\":122,\"reason\":\"drift\","), json);
        assertTrue(json.contains("\"deaths\":[{\"worker\":0,\"pid\":121,\"cause\":\"killed by SIGKILL (exit 137)\""));
        assertTrue(json.contains("\"copies\":{\"events\":1,\"bytes\":800,\"topCallSites\":[{\"site\":\"K.run(K.java:3)\""));
        assertTrue(json.contains("\"sharedBytes\":4096,\"shardTimes\":{\"p50\":0.001,\"p95\":0.002,\"max\":0.003,\"steadyMax\":0.003}"), json);
        assertTrue(json.endsWith("\"failures\":[],\"recommendations\":[\"say \\\"why\\\"\"]}"), json);
    }

    @Test
    void jsonEscapesTextAndWritesFiguresThatAreNotFiniteAsNull() throws Exception {
        RunReport sample = sample();
        String trace = "java.lang.IllegalStateException: bad \"row\"\n\tat K.run(K.java:3)\u0001 — é";
        RunReport failed = new RunReport(1, "failed", sample.timings(), sample.shards(), sample.workers(),
                sample.recycles(), sample.deaths(), sample.copies(), sample.sharedBytes(),
                new RunReport.ShardTimes(Double.NaN, 0.002, Double.POSITIVE_INFINITY, 0.001),
                List.of(new RunReport.FailureReport(3, 2, 0, 123, "bad \"row\"", trace)), List.of(),
                sample.limits());
        com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(failed.toJson());
        assertTrue(root.get("shardTimes").get("p50").isNull(), failed.toJson());
        assertTrue(root.get("shardTimes").get("max").isNull(), failed.toJson());
        assertEquals(0.001, root.get("shardTimes").get("steadyMax").asDouble());
        assertEquals(trace, root.get("failures").get(0).get("stackTrace").asText());
        assertEquals("bad \"row\"", root.get("failures").get(0).get("error").asText());
        assertTrue(root.get("recommendations").isEmpty());
    }

    @Test
    void textShowsMemoryCopiesAndTasks() {
        String text = sample().renderText();
        assertTrue(text.contains("run succeeded: 10/10 shards succeeded, 0 failed, 2 retries"), text);
        assertTrue(text.contains("40.0 MiB"), text);
        assertTrue(text.contains("all workers' private memory at one moment (peak over sampling rounds): 100.0 MiB"),
                text);
        assertTrue(text.lines().anyMatch(line -> line.contains("123") && line.endsWith("213 ms")),
                "per-worker start-up time\n" + text);
        assertTrue(text.contains("recycle: worker 0 (pid 122) at 0.750 s, reason drift"), text);
        assertTrue(text.contains("death: worker 0 (pid 121) at 0.250 s: killed by SIGKILL (exit 137)"), text);
        assertTrue(text.contains("copies out of shared memory: 1 events, 800 B"), text);
        assertTrue(text.contains("shard times: p50 1.00 ms, p95 2.00 ms, max 3.00 ms (after warm-up 3.00 ms)"), text);
        assertTrue(text.contains("limits: memoryLimit 300.0 MiB, hardLimit 4.0 GiB (cgroup v2 memory.max"), text);
        assertTrue(text.lines().anyMatch(line -> line.contains("60.0 MiB    300.0 MiB")),
                "limit beside the peak\n" + text);
    }

    @Test
    void humanBytes() {
        assertEquals("512 B", ReportText.bytes(512));
        assertEquals("1.5 GiB", ReportText.bytes(3L << 29));
        assertEquals("n/a", ReportText.bytes(-1));
    }
}

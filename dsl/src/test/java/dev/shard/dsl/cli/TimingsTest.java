package dev.shard.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimingsTest {
    @AfterEach
    void stopRecording() {
        Timings.finish(new PrintWriter(new StringWriter()));
    }

    @Test
    void phasesRunFromTheLauncherToTheEndAndAddUpToTheTotal() {
        long main = System.nanoTime();
        Instant now = Instant.now();
        long nowEpoch = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        Timings.mainStarted(main, now);
        Timings.enable(Map.of(Timings.LAUNCH_VARIABLE, Long.toString(nowEpoch - 300_000_000L),
                Timings.EXEC_VARIABLE, Long.toString(nowEpoch - 100_000_000L)), Optional.empty());
        Timings.phase("data generation");
        Timings.detail("run report: compute", 0.25);
        Timings.phase("teardown");
        List<Timings.Row> rows = currentRows(main + 50_000_000L);

        assertEquals(List.of("launcher: bin/shard until the JVM (JDK, build check, caches)",
                "JVM start and class loading until main()", "command line: options, finding the command",
                "data generation", "run report: compute", "teardown", "total (to the end of main)"),
                rows.stream().map(Timings.Row::name).toList());
        assertEquals(0.2, rows.get(0).tookSeconds(), 1e-6, "launch to exec");
        assertEquals(0.1, rows.get(1).tookSeconds(), 1e-6, "exec to main");
        assertEquals(0.25, rows.get(4).tookSeconds(), 0, "a detail keeps its own figure");
        double phases = rows.stream().filter(row -> !row.detail()).limit(rows.size() - 2).mapToDouble(Timings.Row::tookSeconds)
                .sum();
        Timings.Row total = rows.getLast();
        assertEquals(total.tookSeconds(), phases, 1e-9, "phases cover the command with no gap");
        assertEquals(0.35, total.tookSeconds(), 1e-6, "launcher start to the end");
    }

    @Test
    void withoutTheLauncherTheProcessStartIsTheOrigin() {
        Instant now = Instant.now();
        long main = System.nanoTime();
        Timings.mainStarted(main, now);
        Timings.enable(Map.of(), Optional.of(now.minusMillis(40)));
        List<Timings.Row> rows = currentRows(main);
        assertEquals("process and JVM start until main() (coarse: the process start is known to about 1 s)", rows.getFirst().name());
        assertEquals(0.04, rows.getFirst().tookSeconds(), 1e-6);
    }

    @Test
    void theOptionPrintsAnAlignedTableOnStderrBeforeOrAfterTheSubcommand() {
        for (String[] arguments : List.of(new String[] {"--timings", "example", "--list"},
                new String[] {"example", "--list", "--timings"})) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = ShardCommand.execute(arguments, new PrintWriter(out, true), new PrintWriter(err, true));
            assertEquals(0, code, err.toString());
            List<String> lines = err.toString().lines().toList();
            assertTrue(lines.getFirst().startsWith("timings:"), err.toString());
            assertTrue(lines.stream().anyMatch(line -> line.startsWith("  command line: options")), err.toString());
            assertTrue(lines.getLast().startsWith("  total (to the end of main)"), err.toString());
            assertEquals(1, lines.stream().mapToInt(String::length).distinct().count(), "aligned:\n" + err);
            assertFalse(Timings.enabled(), "finished after the command");
        }
        StringWriter err = new StringWriter();
        ShardCommand.execute(new String[] {"example", "--list"}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertFalse(err.toString().contains("timings:"), "no table without the option");
    }

    @Test
    void aReportWrittenWhileRecordingCarriesThePhasesSoFar() throws Exception {
        String report = "{\"schemaVersion\":1,\"status\":\"succeeded\"}";
        assertEquals(report, Timings.annotate(report), "unchanged without --timings");
        Timings.mainStarted(System.nanoTime(), Instant.now());
        Timings.enable(Map.of(), Optional.empty());
        Timings.phase("data generation");
        Timings.detail("run report: compute", 0.25);
        Timings.phase("teardown");
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Timings.annotate(report));
        assertEquals("succeeded", json.get("status").asText(), "the report's own fields stay");
        var phases = json.get("commandTimings");
        assertEquals(List.of("command line: options, finding the command", "data generation", "run report: compute",
                "teardown"), java.util.stream.StreamSupport.stream(phases.spliterator(), false)
                .map(phase -> phase.get("phase").asText()).toList(), "every phase and detail so far, no total");
        assertEquals(0.25, phases.get(2).get("seconds").asDouble(), 0);
        assertTrue(phases.get(2).get("detail").asBoolean());
        assertFalse(phases.get(2).has("atSeconds"), "a detail has no start of its own");
        assertTrue(phases.get(1).get("atSeconds").asDouble() >= 0);
    }

    private static List<Timings.Row> currentRows(long endNanos) {
        return Timings.rowsUntil(endNanos);
    }
}

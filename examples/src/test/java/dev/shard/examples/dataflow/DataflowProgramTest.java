package dev.shard.examples.dataflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shard.examples.ProgramOutput;
import dev.shard.examples.workload.FilterDeriveAggregateWorkload;
import dev.shard.examples.workload.GroupAggregateWorkload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * groupagg and filter-agg on real workers: checksums, the CSV output across worker counts
 * (doubles in shortest round-trip form), the report JSON of the last run, the budget refusal.
 */
@Tag("process")
@Timeout(300)
class DataflowProgramTest {
    private static final long ROWS = 2_000_000;

    @TempDir
    Path directory;

    @AfterEach
    void noWorkerIsLeft() throws Exception {
        ProgramOutput.awaitNoChildren(Duration.ofSeconds(20));
    }

    @Test
    void groupAggregateMatchesThePlainLoopAndWritesTheSameCsvForOneAndThreeWorkers() throws Exception {
        Path one = directory.resolve("one.csv");
        Path three = directory.resolve("three.csv");
        Path explain = directory.resolve("explain.json");
        Path report = directory.resolve("reports/report.json");
        ProgramOutput first = ProgramOutput.run(new GroupAggregateProgram(), "--rows", Long.toString(ROWS),
                "--workers", "1", "--runs", "2", "--out", one.toString(), "--explain-json", explain.toString(),
                "--report-json", report.toString());
        ProgramOutput second = ProgramOutput.run(new GroupAggregateProgram(), "--rows", Long.toString(ROWS),
                "--workers", "3", "--out", three.toString());
        assertEquals(0, first.exitCode(), first.describe());
        assertEquals(0, second.exitCode(), second.describe());
        double reference = GroupAggregateWorkload.referenceChecksum(ROWS);
        assertEquals(reference, Double.parseDouble(first.value("check")), reference * 1e-9, first.describe());
        assertEquals(2, first.out().lines().filter(line -> line.startsWith("compute_s=")).count());
        assertEquals(Files.readString(one), Files.readString(three), "byte-identical for 1 and 3 workers");
        List<String> lines = Files.readAllLines(one);
        assertEquals("key,count,sum,mean,min,max", lines.getFirst());
        assertEquals(1001, lines.size());
        assertDoublesInShortestForm(lines, Set.of("sum", "mean", "min", "max"));
        assertTrue(Files.readString(explain).contains("\"FinalHashAggregateExec\""));
        assertSucceededReport(report, explain, 1);
    }

    @Test
    void filterAggregateMatchesThePlainLoopAndWritesTheSameCsvForOneAndThreeWorkers() throws Exception {
        Path one = directory.resolve("one.csv");
        Path three = directory.resolve("three.csv");
        Path explain = directory.resolve("explain.json");
        Path report = directory.resolve("report.json");
        ProgramOutput first = ProgramOutput.run(new FilterAggregateProgram(), "--rows", Long.toString(ROWS),
                "--workers", "3", "--runs", "2", "--out", three.toString(), "--explain-json", explain.toString(),
                "--report-json", report.toString());
        ProgramOutput second = ProgramOutput.run(new FilterAggregateProgram(), "--rows", Long.toString(ROWS),
                "--workers", "1", "--out", one.toString());
        assertEquals(0, first.exitCode(), first.describe());
        assertEquals(0, second.exitCode(), second.describe());
        double reference = FilterDeriveAggregateWorkload.referenceChecksum(ROWS);
        assertEquals(reference, Double.parseDouble(first.value("check")), reference * 1e-9, first.describe());
        assertEquals(first.value("check"), second.value("check"), "the same checksum for 1 and 3 workers");
        assertEquals(2, first.out().lines().filter(line -> line.startsWith("compute_s=")).count());
        assertEquals(1, second.out().lines().filter(line -> line.startsWith("compute_s=")).count());
        assertEquals(Files.readString(one), Files.readString(three), "byte-identical for 1 and 3 workers");
        List<String> lines = Files.readAllLines(one);
        assertEquals("k,sum,count", lines.getFirst());
        assertEquals(101, lines.size(), "100 keys and a header");
        assertDoublesInShortestForm(lines, Set.of("sum"));
        assertSucceededReport(report, explain, 3);
    }

    /** Every cell of the double columns is written as {@link Double#toString} writes the value it parses to. */
    private static void assertDoublesInShortestForm(List<String> lines, Set<String> doubleColumns) {
        List<String> header = List.of(lines.getFirst().split(","));
        assertTrue(header.containsAll(doubleColumns), header.toString());
        for (int line = 1; line < lines.size(); line++) {
            String[] cells = lines.get(line).split(",", -1);
            assertEquals(header.size(), cells.length, "cells of line " + (line + 1) + ": " + lines.get(line));
            for (int c = 0; c < cells.length; c++) {
                if (doubleColumns.contains(header.get(c))) {
                    assertEquals(Double.toString(Double.parseDouble(cells[c])), cells[c],
                            header.get(c) + " of line " + (line + 1));
                }
            }
        }
    }

    /**
     * The last run's report: schema 1, succeeded, every shard of the planned stage run once
     * without failures or retries, no pool start, one entry per worker with its pid and
     * measured memory, no deaths.
     */
    private static void assertSucceededReport(Path report, Path explain, int workers) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode json = mapper.readTree(Files.readString(report));
        String text = json.toPrettyString();
        assertEquals(1, json.path("schemaVersion").asInt(), text);
        assertEquals("succeeded", json.path("status").asText(), text);
        int planned = mapper.readTree(Files.readString(explain)).path("stages").path(0).path("shards").asInt();
        assertTrue(planned > 0, "shards planned in explain");
        JsonNode shards = json.path("shards");
        assertEquals(planned, shards.path("total").asInt(), text);
        assertEquals(planned, shards.path("succeeded").asInt(), text);
        assertEquals(0, shards.path("failed").asInt(), text);
        assertEquals(0, shards.path("retries").asInt(), text);
        assertTrue(json.path("timings").path("computeSeconds").asDouble() > 0, text);
        // The report is the last of two runs: on the warm pool, no pool start of its own.
        assertEquals(0.0, json.path("timings").path("poolStartSeconds").asDouble(-1), text);
        assertEquals(workers, json.path("workers").size(), text);
        for (JsonNode worker : json.path("workers")) {
            assertTrue(worker.path("pid").asLong() > 0, text);
            assertTrue(worker.path("peakPrivateBytes").asLong() > 0, text);
        }
        assertEquals(0, json.path("deaths").size(), text);
        assertEquals(0, json.path("failures").size(), text);
    }

    @Test
    void anInfeasibleBudgetExitsFourNamingTheSmallestBudget() throws Exception {
        ProgramOutput output = ProgramOutput.run(new GroupAggregateProgram(), "--rows", "1000", "--workers", "2",
                "--memory-budget", "10MiB");
        assertEquals(4, output.exitCode(), output.describe());
        assertTrue(output.err().contains("memory budget 10 MiB cannot hold"), output.describe());
        assertTrue(output.err().contains("use at least"), output.describe());
    }
}

package dev.shard.examples.dataflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.examples.ProgramOutput;
import dev.shard.examples.workload.FilterDeriveAggregateWorkload;
import dev.shard.examples.workload.GroupAggregateWorkload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** groupagg and filter-agg on real workers: checksums, the CSV output across worker counts, the budget refusal. */
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
        ProgramOutput first = ProgramOutput.run(new GroupAggregateProgram(), "--rows", Long.toString(ROWS),
                "--workers", "1", "--runs", "2", "--out", one.toString(), "--explain-json", explain.toString());
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
        assertTrue(Files.readString(explain).contains("\"FinalHashAggregateExec\""));
    }

    @Test
    void filterAggregateMatchesThePlainLoop() throws Exception {
        ProgramOutput output = ProgramOutput.run(new FilterAggregateProgram(), "--rows", Long.toString(ROWS),
                "--workers", "2");
        assertEquals(0, output.exitCode(), output.describe());
        double reference = FilterDeriveAggregateWorkload.referenceChecksum(ROWS);
        assertEquals(reference, Double.parseDouble(output.value("check")), reference * 1e-9, output.describe());
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

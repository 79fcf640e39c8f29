package dev.shard.examples.colcor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.examples.ProgramOutput;
import dev.shard.examples.workload.ColumnCorrelationWorkload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Tag("process")
@Timeout(180)
class ColcorProgramTest {
    @TempDir
    Path directory;

    @AfterEach
    void noWorkerIsLeft() throws Exception {
        ProgramOutput.awaitNoChildren(Duration.ofSeconds(20));
    }

    @Test
    void twoWorkersComputeTheSameChecksumAsTheSingleThreadedReference() throws Exception {
        Path report = directory.resolve("reports/colcor.json");
        ProgramOutput output = ProgramOutput.run(new ColcorProgram(),
                "--rows", "2000", "--cols", "64", "--workers", "2", "--report-json", report.toString());
        assertEquals(0, output.exitCode(), output.describe());
        double check = Double.parseDouble(output.value("check"));
        double reference = ColumnCorrelationWorkload.referenceChecksum(2000, 64);
        assertEquals(reference, check, Math.abs(reference) * 1e-9, output.describe());
        assertTrue(output.value("check").matches("-?\\d\\.\\d{12}e[+-]\\d{2}"), output.value("check"));
        assertTrue(Double.parseDouble(output.value("compute_s")) > 0, output.describe());
        String json = Files.readString(report);
        assertTrue(json.matches("(?s).*\"schemaVersion\"\\s*:\\s*1\\b.*"), json);
        assertTrue(json.matches("(?s).*\"total\"\\s*:\\s*\\d+.*"), json);
        // The workers read X and y where they lie: not one byte copied out of shared memory.
        assertTrue(json.matches("(?s).*\"copies\"\\s*:\\s*\\{\\s*\"events\"\\s*:\\s*0\\s*,\\s*\"bytes\"\\s*:\\s*0\\b.*"),
                json);
    }

    @Test
    void recyclingAfterEveryTwoTasksStillGivesTheReferenceChecksum() throws Exception {
        Path report = directory.resolve("colcor.json");
        ProgramOutput output = ProgramOutput.run(new ColcorProgram(), "--rows", "500", "--cols", "40",
                "--workers", "2", "--max-tasks-per-worker", "2", "--report-json", report.toString());
        assertEquals(0, output.exitCode(), output.describe());
        double reference = ColumnCorrelationWorkload.referenceChecksum(500, 40);
        assertEquals(reference, Double.parseDouble(output.value("check")), Math.abs(reference) * 1e-9);
        assertTrue(Files.readString(report).matches("(?s).*\"reason\"\\s*:\\s*\"maxTasks\".*"),
                "the report lists a maxTasks recycle:\n" + Files.readString(report));
    }

    @Test
    void runsComputeOnTheSamePoolAndPrintOneComputeTimePerRunInOrder() throws Exception {
        Path report = directory.resolve("colcor-runs.json");
        ProgramOutput output = ProgramOutput.run(new ColcorProgram(), "--rows", "1000", "--cols", "48",
                "--workers", "2", "--runs", "3", "--report-json", report.toString());
        assertEquals(0, output.exitCode(), output.describe());
        java.util.List<String> lines = output.out().lines().toList();
        assertEquals(4, lines.size(), output.describe());
        assertTrue(lines.get(0).startsWith("check="), output.describe());
        for (String line : lines.subList(1, 4)) {
            assertTrue(line.matches("compute_s=\\d+\\.\\d{6}"), line);
        }
        double reference = ColumnCorrelationWorkload.referenceChecksum(1000, 48);
        assertEquals(reference, Double.parseDouble(output.value("check")), Math.abs(reference) * 1e-9);
        // The report is the last run's: on a warm pool, no pool start of its own.
        assertTrue(Files.readString(report).matches("(?s).*\"poolStartSeconds\"\\s*:\\s*0(\\.0+)?\\b.*"),
                Files.readString(report));
    }
}

package dev.shard.examples.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.examples.ProgramOutput;
import dev.shard.examples.colcor.ColumnCorrelationData;
import dev.shard.examples.colcor.InProcessColumnCorrelation;
import dev.shard.examples.workload.TinyTasksWorkload;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("process")
@Timeout(180)
class StartupTrainingProgramTest {
    @AfterEach
    void noWorkerIsLeft() throws Exception {
        ProgramOutput.awaitNoChildren(Duration.ofSeconds(20));
    }

    @Test
    void runsBothWorkloadsOnOnePoolAndChecksTheirAnswers() throws Exception {
        ProgramOutput output = ProgramOutput.run(new StartupTrainingProgram());
        assertEquals(0, output.exitCode(), output.describe());
        assertEquals(referenceColcorChecksum(), output.value("check"), output.describe());
        assertEquals(TinyTasksWorkload.referenceChecksum(StartupTrainingProgram.TINY_TASKS),
                Long.parseLong(output.value("tiny_check")));
        assertTrue(output.err().contains(StartupTrainingProgram.COLUMN_RUNS + " colcor runs"), output.describe());
    }

    @Test
    void refusesArgumentsSayingItIsAFixedWorkload() throws Exception {
        ProgramOutput output = ProgramOutput.run(new StartupTrainingProgram(), "--rows", "5");
        assertEquals(2, output.exitCode(), output.describe());
        assertEquals("", output.out());
        assertEquals("startup-training: takes no arguments, got [--rows, 5] (it is the fixed workload bin/shard"
                + " records its start-up caches with)\n", output.err());
    }

    /** The same data and kernel in this process, on one thread. */
    private static String referenceColcorChecksum() throws Exception {
        try (ColumnCorrelationData data = ColumnCorrelationData.generate(StartupTrainingProgram.ROWS,
                StartupTrainingProgram.COLUMNS); InProcessColumnCorrelation baseline = new InProcessColumnCorrelation(1)) {
            baseline.correlate(data.matrixElements(), data.yElements(), data.rows(), data.columns(),
                    data.correlationElements());
            return String.format(Locale.ROOT, "%.12e", data.checksum());
        }
    }
}

package dev.shard.examples.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.examples.ProgramOutput;
import dev.shard.examples.workload.ReferenceGenerator;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("process")
@Timeout(180)
class QuickstartProgramTest {
    @AfterEach
    void noWorkerIsLeft() throws Exception {
        ProgramOutput.awaitNoChildren(Duration.ofSeconds(20));
    }

    @Test
    void everyStepOfTheTourGivesTheExpectedValues() throws Exception {
        ProgramOutput output = ProgramOutput.run(new QuickstartProgram());
        assertEquals(0, output.exitCode(), output.describe());
        double sum = 0;
        for (int i = 0; i < QuickstartProgram.VALUES; i++) {
            sum += ReferenceGenerator.uniform(0, i);
        }
        assertEquals(2 * sum, Double.parseDouble(output.value("check")), 1e-9 * sum);
        assertEquals(sum, Double.parseDouble(output.value("reduce")), 1e-9 * sum);
        assertEquals("0.0,3.0,6.0,9.0,12.0,15.0,18.0", output.value("row_sums"));
        assertTrue(output.describe().contains("copies"), output.describe());
    }

    @Test
    void optionsAreRefused() throws Exception {
        ProgramOutput output = ProgramOutput.run(new QuickstartProgram(), "--rows", "3");
        assertEquals(2, output.exitCode(), output.describe());
    }
}

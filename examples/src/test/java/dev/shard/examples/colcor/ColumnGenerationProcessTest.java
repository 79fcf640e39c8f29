package dev.shard.examples.colcor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shard.examples.ProgramOutput;
import dev.shard.runtime.api.Pool;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** X made by worker JVMs (or partly by the driver while they start) is bit for bit the driver's X. */
@Tag("process")
@Timeout(120)
class ColumnGenerationProcessTest {
    private static final int ROWS = 700;
    private static final int COLUMNS = 53;

    @AfterEach
    void noWorkerIsLeft() throws Exception {
        ProgramOutput.awaitNoChildren(Duration.ofSeconds(20));
    }

    @Test
    void workersAndTheDriverWhileTheyStartWriteTheSameBitsAsTheDriverAlone() {
        try (ColumnCorrelationData reference = ColumnCorrelationData.generate(ROWS, COLUMNS);
                Pool pool = Pool.builder().workers(2).startAsync();
                ColumnCorrelationData shared = ColumnCorrelationData.allocate(ROWS, COLUMNS)) {
            shared.generateColumnsWhileStarting(pool);
            assertEquals(-1, reference.matrixElements().mismatch(shared.matrixElements()), "X differs");
            assertEquals(-1, reference.yElements().mismatch(shared.yElements()), "y differs");
            try (ColumnCorrelationData byWorkers = ColumnCorrelationData.generate(pool, ROWS, COLUMNS)) {
                assertEquals(-1, reference.matrixElements().mismatch(byWorkers.matrixElements()),
                        "X made by the workers alone differs");
            }
        }
    }
}

package dev.shard.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The driver's one-time set-ups made ahead: repeatable, nothing left open, a failing step stops nothing. */
class DriverPreparationTest {
    @Test
    void preparingAgainLeavesNoDescriptorOpen() throws IOException {
        DriverPreparation.prepare();
        long before = openDescriptors();
        DriverPreparation.prepare();
        assertEquals(before, openDescriptors(), "the unix socket opened for the JDK's set-up must be closed");
    }

    @Test
    void aStepThatFailsIsLeftToItsRealUse() {
        assertDoesNotThrow(() -> DriverPreparation.attempt(() -> {
            throw new IllegalStateException("no native access");
        }));
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.count();
        }
    }
}

package dev.shard.examples.colcor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.examples.ProgramOutput;
import dev.shard.examples.ProgramRunner;
import dev.shard.storage.segment.SegmentStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code colcor --rows 10000000 --cols 100000} asks for 8 TB: it is refused at once,
 * before any data is generated or any worker starts, with one line that says how much
 * was asked, how much is free, where, and which setting moves it.
 */
class ColcorImpossibleSizeTest {
    @Test
    @Timeout(60)
    void eightTerabytesAreRefusedInUnderASecondWithOneClearLine() throws Exception {
        ColcorProgram program = new ColcorProgram();
        SegmentStore.shared(); // the store's start-up sweep is not what is being timed
        long start = System.nanoTime();
        ProgramOutput output = ProgramOutput.run(program, "--rows", "10000000", "--cols", "100000", "--workers", "1");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(ProgramRunner.EXPECTED_ERROR, output.exitCode(), output.describe());
        assertTrue(elapsed.compareTo(Duration.ofSeconds(1)) < 0, "refused after " + elapsed);
        String error = output.err().strip();
        assertEquals(1, error.lines().count(), "one line, no stack trace:\n" + error);
        assertTrue(error.startsWith("colcor: "), error);
        assertTrue(error.contains("needs 7.28 TiB"), error);
        assertTrue(error.contains("SHARD_SPILL_DIR") && error.contains("free"), error);
        assertFalse(output.out().contains("check="), output.describe());
        assertEquals(0, SegmentStore.shared().owned().size(), "nothing was left allocated");
    }
}

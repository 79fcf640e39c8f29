package dev.shard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The repeat loop runs the real query on real workers, checks every run and names the workers to attach to. */
class EngineRepeatTest {
    @Test
    void repeatsACheckedQueryFromAnArrowFileAndNamesTheWorkers() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<Double> times = EngineRepeat.run("w2", "arrow", 2, 200_000, 0,
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        assertEquals(2, times.size());
        assertTrue(times.stream().allMatch(millis -> millis > 0), times.toString());
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("w2 arrow run 1, last run: wall"), text);
        assertTrue(text.lines().anyMatch(line -> line.matches("workers: \\[\\d+, \\d+\\]")), text);
    }

    @Test
    void anUnknownSourceIsRefusedByName() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> EngineRepeat.run("w3", "csv", 1, 1_000, 0, System.out));
        assertEquals("source must be generated or arrow, got 'csv'", error.getMessage());
    }
}

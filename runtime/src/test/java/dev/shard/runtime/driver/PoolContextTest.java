package dev.shard.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shard.runtime.api.Pool;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Bad pool settings are refused before any process starts, with the value and the fix. */
class PoolContextTest {

    @Test
    void badSettingsNameTheSettingAndTheValue() {
        assertMessage("invalid pool configuration: workers must be at least 1, got 0",
                () -> Pool.builder().workers(0).start());
        assertMessage("invalid pool configuration: driftThreshold must be a fraction >= 0 (0.5 = 50% above"
                + " baseline), got -0.1", () -> Pool.builder().workers(1).driftThreshold(-0.1).start());
        assertMessage("invalid pool configuration: hardLimit (100 bytes) must be at least memoryLimit (200 bytes):"
                + " the hard limit kills at once, the memory limit recycles gently first",
                () -> Pool.builder().workers(1).memoryLimit(200).hardLimit(100).start());
        assertMessage("invalid pool configuration: taskTimeout must not be negative, got PT-1S",
                () -> Pool.builder().workers(1).taskTimeout(Duration.ofSeconds(-1)).start());
        assertMessage("invalid pool configuration: maxRetries must not be negative, got -1",
                () -> Pool.builder().workers(1).maxRetries(-1).start());
    }

    @Test
    void defaultsAreOffExceptRetries() {
        PoolContext context = new PoolContext(2, 0, 0, 0, 0, Duration.ZERO, 3, null, List.of(), Duration.ofSeconds(1), null);
        assertEquals(3, context.maxRetries());
    }

    private static void assertMessage(String expected, Supplier<Pool> start) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, start::get);
        assertEquals(expected, error.getMessage());
    }
}

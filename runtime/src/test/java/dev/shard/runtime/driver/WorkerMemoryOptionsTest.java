package dev.shard.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerMemoryOptionsTest {
    @Test
    void withoutALimitTheYoungGenerationStaysSmall() {
        assertEquals(List.of("-Xmn32m"), WorkerLauncher.memoryOptions(0, List.of()));
    }

    @Test
    void aLimitSizesTheYoungGenerationAsAFractionOfIt() {
        assertEquals(List.of("-Xmn18m"), WorkerLauncher.memoryOptions(300L << 20, List.of()));
        assertEquals(List.of("-Xmn4m"), WorkerLauncher.memoryOptions(16L << 20, List.of()));
    }

    @Test
    void theUsersOwnSizingWins() {
        assertEquals(List.of(), WorkerLauncher.memoryOptions(0, List.of("-Xmn64m")));
        assertEquals(List.of(), WorkerLauncher.memoryOptions(300L << 20, List.of("-XX:NewRatio=2")));
    }
}

package dev.shard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FirstRunCpuTest {

    @Test
    void readsUserPlusSystemTicksPastANameWithSpacesAndParentheses() {
        String stat = "4242 (java (worker) 1) S 1 4242 4242 0 -1 4194560 100 0 0 0 137 29 0 0 20 0 30 0 555 0 0";
        assertEquals(137 + 29, FirstRunCpu.cpuTicks(stat));
    }

    @Test
    void thisProcessHasSpentSomeCpu() throws IOException {
        long ticks = FirstRunCpu.cpuTicks(Files.readString(Path.of("/proc/self/stat")));
        assertTrue(ticks > 0, "a JVM that loaded JUnit used more than a tick of CPU: " + ticks);
    }
}

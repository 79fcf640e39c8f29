package dev.shard.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {
    @Test
    void addsUserAndSystemTicksOfTenMilliseconds() {
        // A command name with spaces and a parenthesis: the fields are counted after the last ")".
        String line = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 9000 0 12 0 137 25 0 0 20 0 31 0 100 0 0";
        assertEquals(OptionalLong.of(1_620), ProcessCpu.parse(line));
    }

    @Test
    void aLineThatIsNotAStatLineGivesNothing() {
        assertEquals(OptionalLong.empty(), ProcessCpu.parse("no such thing"));
        assertEquals(OptionalLong.empty(), ProcessCpu.parse("1 (x) S 1 2"));
    }

    @Test
    void thisProcessHasUsedSomeCpuAndAGoneOneGivesNothing() {
        assertTrue(ProcessCpu.millis(ProcessHandle.current().pid()).orElse(-1) >= 0);
        assertEquals(OptionalLong.empty(), ProcessCpu.millis(Long.MAX_VALUE));
    }
}

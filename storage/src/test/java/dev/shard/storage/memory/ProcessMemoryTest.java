package dev.shard.storage.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Readings of this JVM's own /proc figures, with and without the costly PSS. */
class ProcessMemoryTest {
    private static final long PID = ProcessHandle.current().pid();

    @Test
    void aStatusReadingHasEveryFigureButPss() {
        ProcessMemory status = ProcessMemory.readStatus(PID).orElseThrow();
        assertEquals(PID, status.pid());
        assertTrue(status.privateBytes() > 0, status::toString);
        assertTrue(status.rssBytes() >= status.privateBytes(), status::toString);
        assertTrue(status.peakRssBytes() >= status.rssBytes(), status::toString);
        assertEquals(-1, status.pssBytes(), "smaps_rollup is not read");
    }

    @Test
    void aFullReadingAddsPss() {
        ProcessMemory full = ProcessMemory.read(PID).orElseThrow();
        assertTrue(full.pssBytes() > 0, full::toString);
    }

    @Test
    void aGoneProcessReadsAsEmpty() {
        assertEquals(Optional.empty(), ProcessMemory.readStatus(Long.MAX_VALUE));
    }
}

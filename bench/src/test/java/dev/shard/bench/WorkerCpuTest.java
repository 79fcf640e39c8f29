package dev.shard.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@link WorkerCpu} reads a live process's CPU time from /proc: this JVM's grows by about what a
 * busy thread spent (within the 10 ms clock tick), and a pid that is gone gives -1, not 0.
 */
@EnabledOnOs(OS.LINUX)
class WorkerCpuTest {
    private static final long TICK_NANOS = 10_000_000;

    @Test
    void countsTheCpuTimeOfALiveProcess() {
        List<Long> self = List.of(ProcessHandle.current().pid());
        var threads = ManagementFactory.getThreadMXBean();
        long before = WorkerCpu.nanos(self);
        long threadBefore = threads.getCurrentThreadCpuTime();
        long spin = 0;
        while (threads.getCurrentThreadCpuTime() - threadBefore < 200_000_000L) {
            spin += System.nanoTime() & 1;
        }
        long spent = threads.getCurrentThreadCpuTime() - threadBefore;
        long after = WorkerCpu.nanos(self);
        assertTrue(before > 0, "this JVM has run: " + before);
        assertTrue(after - before >= spent - 2 * TICK_NANOS, "process CPU " + (after - before)
                + " ns against this thread's " + spent + " ns (spin " + spin + ")");
    }

    @Test
    void aProcessThatIsGoneGivesMinusOne() throws Exception {
        Process process = new ProcessBuilder("true").start();
        long pid = process.pid();
        process.waitFor();
        assertEquals(-1, WorkerCpu.nanos(List.of(ProcessHandle.current().pid(), pid)));
    }
}

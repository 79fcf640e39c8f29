package dev.shard.runtime.supervise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.storage.memory.ProcessMemory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerMemoryReaderTest {

    @Test
    void statmGivesTheFiguresStatusGivesForAProcessAtRest() throws Exception {
        Process resting = new ProcessBuilder("sleep", "60").start();
        try {
            awaitExec(resting.pid());
            // The process may still be settling from its exec: a reading between two equal status readings is at rest.
            for (int attempt = 0; attempt < 50; attempt++) {
                ProcessMemory before = ProcessMemory.readStatus(resting.pid()).orElseThrow();
                ProcessMemory statm = WorkerMemoryReader.read(resting.pid()).orElseThrow();
                ProcessMemory after = ProcessMemory.readStatus(resting.pid()).orElseThrow();
                if (before.equals(after)) {
                    assertEquals(before.privateBytes(), statm.privateBytes(), "private (RssAnon)");
                    assertEquals(before.sharedBytes(), statm.sharedBytes(), "shared (RssFile + RssShmem)");
                    assertEquals(before.rssBytes(), statm.rssBytes(), "resident (VmRSS)");
                    assertTrue(statm.privateBytes() > 0, "a running process has private pages");
                    return;
                }
                Thread.sleep(20);
            }
            throw new AssertionError("the process's memory did not settle");
        } finally {
            resting.destroy();
            resting.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aProcessThatIsGoneReadsEmpty() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor(10, TimeUnit.SECONDS);
        assertEquals(Optional.empty(), WorkerMemoryReader.read(ended.pid()));
    }

    @Test
    void aLineIsReadInPagesAndACutLineReadsEmpty() {
        byte[] line = "1000 300 120 10 0 400 0\n".getBytes(StandardCharsets.US_ASCII);
        ProcessMemory memory = WorkerMemoryReader.parse(7, line, 4096).orElseThrow();
        assertEquals(new ProcessMemory(7, 180 * 4096L, 120 * 4096L, 300 * 4096L, -1, -1), memory);
        assertEquals(Optional.empty(), WorkerMemoryReader.parse(7, "1000 300".getBytes(StandardCharsets.US_ASCII), 4096));
        assertEquals(Optional.empty(), WorkerMemoryReader.parse(7, new byte[0], 4096));
    }

    private static void awaitExec(long pid) throws Exception {
        Path comm = Path.of("/proc", Long.toString(pid), "comm");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.readString(comm).strip().equals("sleep")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the child did not exec sleep");
            }
            Thread.sleep(5);
        }
    }
}

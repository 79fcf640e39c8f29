package dev.shard.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.storage.segment.RunDirectory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardCommandTest {
    @TempDir
    Path temporary;

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ShardCommand.execute(arguments, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void versionNamesTheBuildAndTheJava() {
        Outcome outcome = run("--version");
        assertEquals(0, outcome.code());
        assertTrue(outcome.out().startsWith("shard 0."), outcome.out());
        assertTrue(outcome.out().contains("Java 25"), outcome.out());
    }

    @Test
    void gcRemovesTheDirectoryOfADeadProcessAndKeepsLiveOnes() throws Exception {
        Path shm = temporary.resolve("shm");
        Path dead = shm.resolve("run-999999999-abc");
        Files.createDirectories(dead);
        Files.writeString(dead.resolve(RunDirectory.OWNER_FILE), "pid=999999999\nstart=1000\n");
        Files.write(dead.resolve("left.seg"), new byte[4096]);
        Path live = RunDirectory.create(shm, dev.shard.storage.segment.ProcessIdentity.current()).path();
        String previousShm = System.setProperty("shard.shm.dir", shm.toString());
        String previousSpill = System.setProperty("shard.spill.dir", temporary.resolve("spill").toString());
        try {
            Outcome outcome = run("gc");
            assertEquals(0, outcome.code(), outcome.err());
            assertFalse(Files.exists(dead), "the dead run's directory is removed");
            assertTrue(Files.exists(live), "a live run's directory is kept");
            assertTrue(outcome.out().contains("1 run directory removed, 4.0 KiB freed"), outcome.out());
        } finally {
            restore("shard.shm.dir", previousShm);
            restore("shard.spill.dir", previousSpill);
        }
    }

    @Test
    void gcSaysOnStderrThatItSkippedARootPlantedAsASymbolicLinkAndExitsOne() throws Exception {
        Path elsewhere = Files.createDirectories(temporary.resolve("elsewhere"));
        Path planted = temporary.resolve("shm");
        Files.createSymbolicLink(planted, elsewhere);
        Path spill = temporary.resolve("spill");
        Path dead = spill.resolve("run-999999999-abc");
        Files.createDirectories(dead);
        Files.writeString(dead.resolve(RunDirectory.OWNER_FILE), "pid=999999999\nstart=1000\n");
        String previousShm = System.setProperty("shard.shm.dir", planted.toString());
        String previousSpill = System.setProperty("shard.spill.dir", spill.toString());
        try {
            Outcome outcome = run("gc");
            assertEquals(ErrorReport.RUN_FAILED, outcome.code(), outcome.err());
            assertTrue(outcome.err().contains("shard gc: skipped " + planted + ", nothing there was removed: the shm root "
                    + planted + " is a symbolic link (to " + elsewhere + ")"), outcome.err());
            assertTrue(outcome.err().contains("point SHARD_SHM_DIR (-Dshard.shm.dir) at a real directory you own"),
                    outcome.err());
            assertFalse(Files.exists(dead), "the other root is still swept");
            assertTrue(Files.isSymbolicLink(planted), "the planted link is left as it was");
            assertTrue(outcome.out().contains("1 run directory removed"), outcome.out());
        } finally {
            restore("shard.shm.dir", previousShm);
            restore("shard.spill.dir", previousSpill);
        }
    }

    @Test
    void unknownExampleListsTheKnownOnes() {
        Outcome outcome = run("example", "no-such-example");
        assertEquals(2, outcome.code());
        assertTrue(outcome.err().contains("no example named 'no-such-example'"), outcome.err());
    }

    @Test
    void thePlainExampleFormPrintsTheTimingsAndTheUsageErrorAsPicocliWould() {
        Outcome outcome = run("--timings", "example", "no-such-example");
        assertEquals(2, outcome.code());
        assertTrue(outcome.err().contains("no example named 'no-such-example'"), outcome.err());
        assertTrue(outcome.err().contains("timings:"), outcome.err());
        assertTrue(outcome.err().contains("command line: options, finding the command"), outcome.err());
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}

package dev.shard.storage.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.storage.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety: a process killed with SIGKILL runs no cleanup, so its segments stay
 * behind until a sweep (start-up, {@code shard gc}) sees that their owner is gone.
 */
@Tag("process")
class SegmentCrashTest {
    /** {@code Process.exitValue()} reports death by signal as 128 + signal number on Linux. */
    private static final int KILLED_BY_SIGKILL = 128 + 9;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path temporary;
    private StorageContext context;
    private SegmentStore live;

    @BeforeEach
    void roots() {
        context = new StorageContext(temporary.resolve("shm"), temporary.resolve("spill"));
        live = new SegmentStore(context);
    }

    @AfterEach
    void nothingLeftOpen() {
        assertEquals(0, live.owned().size());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sweepRemovesAKilledOwnersFilesAndLeavesLiveOnesAlone() throws Exception {
        try (Segment mine = live.create("mine", 4096, Backing.SHM);
                ChildJvm child = startOwner()) {
            List<Path> paths = ownedPaths(child);
            Set<Path> childRuns = runDirectories(paths);
            assertEquals(2, childRuns.size(), "one run directory per root: " + childRuns);
            assertTrue(paths.stream().allMatch(Files::exists));

            List<SegmentSweeper.Removed> whileAlive = SegmentSweeper.sweep(context);
            assertEquals(List.of(), whileAlive, "a live owner's directory is never swept");
            assertTrue(paths.stream().allMatch(Files::exists));

            killWithSigkill(child);
            assertTrue(paths.stream().allMatch(Files::exists),
                    "SIGKILL runs no shutdown hook, so the files are still there");

            List<SegmentSweeper.Removed> removed = SegmentSweeper.sweep(context);
            assertEquals(childRuns, removed.stream().map(SegmentSweeper.Removed::directory).collect(Collectors.toSet()));
            for (SegmentSweeper.Removed run : removed) {
                assertEquals("owner pid " + child.pid() + " is gone", run.reason());
                assertTrue(run.bytes() > 0, "the sweep reports what it freed");
            }
            assertTrue(paths.stream().noneMatch(Files::exists), "every file of the dead owner is gone");
            assertTrue(childRuns.stream().noneMatch(Files::exists), "its run directories are gone");

            assertTrue(Files.exists(mine.path()), "this live process's segment is left alone");
            mine.setLong(0, 7);
            assertEquals(7, mine.getLong(0));
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aNewStoreSweepsDeadRunsAtStartUp() throws Exception {
        Set<Path> childRuns;
        try (ChildJvm child = startOwner()) {
            childRuns = runDirectories(ownedPaths(child));
            killWithSigkill(child);
        }
        assertTrue(childRuns.stream().allMatch(Files::exists));
        new SegmentStore(context);
        assertTrue(childRuns.stream().noneMatch(Files::exists), "start-up removed " + childRuns);
    }

    private ChildJvm startOwner() throws Exception {
        return ChildJvm.start(SegmentOwnerMain.class, List.of("-Dshard.shm.dir=" + context.shmRoot(),
                "-Dshard.spill.dir=" + context.spillRoot()));
    }

    private static List<Path> ownedPaths(ChildJvm child) throws Exception {
        child.awaitLine("ready", READY_TIMEOUT);
        List<Path> paths = Arrays.stream(child.output().split("\n"))
                .filter(line -> line.startsWith("path: "))
                .map(line -> Path.of(line.substring("path: ".length()).trim()))
                .toList();
        assertEquals(4, paths.size(), child.output());
        return paths;
    }

    private static Set<Path> runDirectories(List<Path> paths) {
        return paths.stream().map(Path::getParent).collect(Collectors.toSet());
    }

    private static void killWithSigkill(ChildJvm child) throws InterruptedException {
        child.process().destroyForcibly();
        assertTrue(child.process().waitFor(30, TimeUnit.SECONDS), "the child did not die");
        assertEquals(KILLED_BY_SIGKILL, child.process().exitValue(), "the child died of SIGKILL, not SIGTERM");
    }
}

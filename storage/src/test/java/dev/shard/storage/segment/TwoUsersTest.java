package dev.shard.storage.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shard.storage.testing.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two users of one machine run at the same time on their default roots without
 * interfering: this process (root, as in CI) and a child JVM as uid 65534 (nobody),
 * started after this process's root exists — the order that used to lock out the
 * second user. Needs root to switch user; elsewhere it is skipped with the reason.
 */
@Tag("process")
class TwoUsersTest {
    private static final int OTHER_UID = 65534;
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path temporary;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aSecondUserRunsBesideTheFirstInRootsOfItsOwn() throws Exception {
        assumeTrue(PrivateRoot.uid() == 0, "running as uid " + PrivateRoot.uid() + ", not root: a second user's"
                + " process cannot be started, so two users at once are not tested here (CI runs this as root)");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "no /usr/bin/setpriv to start a second user");
        Path otherShm = Path.of("/dev/shm/shard-" + OTHER_UID);
        Path otherSpill = Path.of(System.getProperty("java.io.tmpdir"), "shard-spill-" + OTHER_UID);
        boolean otherRootsExisted = Files.exists(otherShm) || Files.exists(otherSpill);
        SegmentStore store = SegmentStore.shared();
        Path go = temporary.resolve("go");
        try (Segment mine = store.create("first-user", 1 << 20, Backing.SHM);
                ChildJvm child = ChildJvm.startAsOtherUser(List.of("/usr/bin/setpriv", "--reuid=" + OTHER_UID,
                        "--regid=" + OTHER_UID, "--clear-groups"), readableClasspath(), SecondUserChild.class,
                        go.toString())) {
            mine.setDouble(0, 1.25);
            Path childSpill = Path.of(child.awaitLine("spill-segment ", CHILD_TIMEOUT));
            Path childShm = Path.of(child.awaitLine("shm-segment ", CHILD_TIMEOUT));
            assertEquals(String.valueOf(OTHER_UID), child.awaitLine("uid ", CHILD_TIMEOUT));
            assertEquals(otherShm, childShm.getParent().getParent(), "the second user's shm root is its own");
            assertEquals(otherSpill, childSpill.getParent().getParent(), "the second user's spill root is its own");
            for (Path root : List.of(otherShm, otherSpill)) {
                assertEquals(OTHER_UID, (Integer) Files.getAttribute(root, "unix:uid", LinkOption.NOFOLLOW_LINKS));
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root)), root.toString());
            }
            assertFalse(mine.path().startsWith(otherShm), mine.path().toString());

            // A sweep by this user, while both run, touches neither user's live run.
            SegmentSweeper.sweep(store.context());
            assertTrue(Files.exists(childShm) && Files.exists(childSpill), "the second user's segments survived");
            assertEquals(1.25, mine.getDouble(0));

            Files.createFile(go);
            String output = child.awaitSuccess(CHILD_TIMEOUT);
            assertTrue(output.contains("values intact"), output);
            assertFalse(Files.exists(childShm.getParent()), "the second user's run directory went with it");
            assertFalse(Files.exists(childSpill.getParent()), "the second user's run directory went with it");
        } finally {
            if (!otherRootsExisted) {
                deleteIfEmpty(otherShm);
                deleteIfEmpty(otherSpill);
            }
        }
    }

    /** Copies of this module's class directories that uid 65534 can read (~/.m2 and @TempDir are 0700). */
    private String readableClasspath() throws IOException {
        Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> entries = new ArrayList<>();
        int index = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            if (!Files.isDirectory(source)) {
                continue; // jars: the child needs none of them
            }
            Path target = temporary.resolve("classes-" + index++);
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.toList()) {
                    Path copy = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(copy);
                        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
                    } else {
                        Files.copy(file, copy);
                        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
                    }
                }
            }
            entries.add(target.toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    private static void deleteIfEmpty(Path root) throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(root);
            }
        } catch (java.nio.file.NoSuchFileException gone) {
            // Never created.
        }
    }
}

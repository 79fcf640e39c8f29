package dev.shard.storage.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shard.storage.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A storage root someone else prepared — a symbolic link, or a directory of another
 * uid — is refused before anything is created in it; sweeps leave other users' runs.
 */
class PlantedRootTest {
    private static final int OTHER_UID = 65534;

    @TempDir
    Path temporary;

    @Test
    void aRootThatIsASymbolicLinkIsRefused() throws Exception {
        Path target = Files.createDirectory(temporary.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(temporary.resolve("shm"), target);
        SegmentStore store = new SegmentStore(new StorageContext(link, temporary.resolve("spill")));
        StorageException error = assertThrows(StorageException.class, () -> store.create("x", 4096, Backing.SHM));
        assertEquals("the shm root " + link + " is a symbolic link (to " + target + "): shard refuses it, because"
                + " whoever made the link chooses where your segments go. Remove the link if you did not make it,"
                + " or point SHARD_SHM_DIR (-Dshard.shm.dir) at a real directory you own", error.getMessage());
        try (var left = Files.list(target)) {
            assertEquals(List.of(), left.toList(), "nothing was created through the link");
        }
    }

    @Test
    void aRootOwnedBySomeoneElseIsRefused() throws Exception {
        assumeTrue(PrivateRoot.uid() == 0, "running as uid " + PrivateRoot.uid()
                + ", not root: cannot give a directory to another uid to plant it (CI runs this as root)");
        Path planted = Files.createDirectory(temporary.resolve("spill"));
        Files.setAttribute(planted, "unix:uid", OTHER_UID);
        SegmentStore store = new SegmentStore(new StorageContext(temporary.resolve("shm"), planted));
        StorageException error = assertThrows(StorageException.class, () -> store.create("x", 4096, Backing.MMAP));
        String message = error.getMessage();
        String ownerName = Files.getOwner(planted).getName();
        assertTrue(message.startsWith("the mmap root " + planted + " belongs to uid " + OTHER_UID + " (" + ownerName
                + "), not to you (uid 0): someone else created it"), message);
        assertTrue(message.contains("ask its owner or an administrator to remove it")
                && message.contains("point SHARD_SPILL_DIR (-Dshard.spill.dir) at a directory you own"), message);
        try (var left = Files.list(planted)) {
            assertEquals(List.of(), left.toList(), "nothing was created in the planted root");
        }
    }

    @Test
    void aSweepLeavesTheDeadRunsOfOtherUsers() throws Exception {
        assumeTrue(PrivateRoot.uid() == 0, "running as uid " + PrivateRoot.uid()
                + ", not root: cannot make a run directory of another uid (CI runs this as root)");
        Path root = Files.createDirectory(temporary.resolve("shm"));
        Path theirs = Files.createDirectory(root.resolve("run-999999-dead"));
        Path ours = Files.createDirectory(root.resolve("run-999998-dead"));
        for (Path run : List.of(theirs, ours)) {
            Files.writeString(run.resolve(RunDirectory.OWNER_FILE), new ProcessIdentity(999_999, 1).encode());
        }
        UserPrincipal nobody = root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(theirs, nobody);
        List<SegmentSweeper.Removed> removed = SegmentSweeper.sweep(root);
        assertEquals(List.of(ours), removed.stream().map(SegmentSweeper.Removed::directory).toList());
        assertTrue(Files.exists(theirs), "another user's run is not ours to sweep, even as root");
    }
}

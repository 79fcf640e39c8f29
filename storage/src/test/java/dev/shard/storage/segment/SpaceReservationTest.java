package dev.shard.storage.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.storage.StorageException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Space is reserved when a segment is created, on a real 8 MiB tmpfs: once created, a
 * segment can be written in full even after something else filled the file system,
 * and what one store reserved is seen by every other (as by other processes).
 */
class SpaceReservationTest {
    private static final long MIB = 1L << 20;

    @TempDir
    Path temporary;

    @Test
    void aReservedSegmentCanBeWrittenAfterTheFileSystemFilledUp() throws Exception {
        try (TinyTmpfs tmpfs = TinyTmpfs.mount(Files.createDirectory(temporary.resolve("shm")), 8)) {
            SegmentStore store = storeOver(tmpfs.directory(), temporary.resolve("spill"));
            try (Segment segment = store.create("reserved", 4 * MIB, Backing.SHM)) {
                Path filler = tmpfs.directory().resolve("filler");
                try {
                    fillUntilFull(filler);
                    segment.memory().fill((byte) 9);
                    assertEquals(9, segment.memory().get(ValueLayout.JAVA_BYTE, 4 * MIB - 1));
                } finally {
                    Files.deleteIfExists(filler);
                }
            }
        }
    }

    @Test
    void twoStoresCannotOvercommitOneTmpfsTogether() throws Exception {
        try (TinyTmpfs tmpfs = TinyTmpfs.mount(Files.createDirectory(temporary.resolve("shm")), 8)) {
            SegmentStore first = storeOver(tmpfs.directory(), temporary.resolve("spill"));
            SegmentStore second = storeOver(tmpfs.directory(), temporary.resolve("spill"));
            try (Segment untouched = first.create("first", 5 * MIB, Backing.SHM)) {
                StorageException error = assertThrows(StorageException.class,
                        () -> second.create("second", 5 * MIB, Backing.SHM));
                String message = error.getMessage();
                assertTrue(message.startsWith(tmpfs.directory() + " has 3.0 MiB free, segment 'second' needs 5.0 MiB"),
                        message);
                assertTrue(message.contains("SHARD_SHM_DIR"), message);
            }
        }
    }

    @Test
    void aSpillSegmentLargerThanItsFileSystemIsRefusedNamingTheSpillSetting() throws Exception {
        try (TinyTmpfs tmpfs = TinyTmpfs.mount(Files.createDirectory(temporary.resolve("spill")), 8)) {
            SegmentStore store = storeOver(temporary.resolve("shm"), tmpfs.directory());
            try (Segment fits = store.create("fits", 6 * MIB, Backing.MMAP)) {
                StorageException error = assertThrows(StorageException.class,
                        () -> store.create("more", 6 * MIB, Backing.MMAP));
                String message = error.getMessage();
                assertTrue(message.startsWith(tmpfs.directory() + " has 2.0 MiB free, segment 'more' needs 6.0 MiB"),
                        message);
                assertTrue(message.contains("SHARD_SPILL_DIR (-Dshard.spill.dir)"), message);
                assertEquals(1, store.owned().size(), "the refused segment left nothing");
            }
        }
    }

    private static SegmentStore storeOver(Path shm, Path spill) {
        return new SegmentStore(new StorageContext(shm, spill));
    }

    private static void fillUntilFull(Path file) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
    }
}

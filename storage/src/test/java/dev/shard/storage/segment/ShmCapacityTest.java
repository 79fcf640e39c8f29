package dev.shard.storage.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.storage.StorageException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shared-memory segments on a real 8 MiB tmpfs: a segment that tmpfs cannot hold is
 * refused at create with a clear message, instead of a SIGBUS when its pages are
 * written; AUTO falls back to a spill file exactly when shm is too small.
 */
class ShmCapacityTest {
    private static final long MIB = 1L << 20;

    @TempDir
    Path temporary;

    @Test
    void sharedSegmentLargerThanTheTmpfsIsRefusedWithTheFix() throws Exception {
        try (TinyTmpfs tmpfs = TinyTmpfs.mount(Files.createDirectory(temporary.resolve("shm")), 8)) {
            SegmentStore store = storeOver(tmpfs);
            StorageException error = assertThrows(StorageException.class,
                    () -> store.create("big", 16 * MIB, Backing.SHM));
            String message = error.getMessage();
            assertTrue(message.startsWith("segment 'big' needs 16.0 MiB, more than the whole file system of "
                    + tmpfs.directory() + " holds (8.0 MiB in all, 8.0 MiB free)"), message);
            assertTrue(message.contains("use Backing.MMAP") && message.contains("SHARD_SHM_DIR"), message);
            assertEquals(0, filesIn(store.runDirectory(Backing.SHM)), "a refused segment leaves no file");
        }
    }

    @Test
    void twoSegmentsThatEachFitAloneDoNotBothFit() throws Exception {
        try (TinyTmpfs tmpfs = TinyTmpfs.mount(Files.createDirectory(temporary.resolve("shm")), 8)) {
            SegmentStore store = storeOver(tmpfs);
            try (Segment first = store.create("first", 5 * MIB, Backing.SHM)) {
                StorageException error = assertThrows(StorageException.class,
                        () -> store.create("second", 5 * MIB, Backing.SHM));
                assertTrue(error.getMessage().contains("segment 'second' needs 5.0 MiB"), error.getMessage());
                // The first one really owns its pages: writing all of them is safe.
                first.memory().fill((byte) 7);
                assertEquals(7, first.memory().get(java.lang.foreign.ValueLayout.JAVA_BYTE, 5 * MIB - 1));
            }
            try (Segment second = store.create("second", 5 * MIB, Backing.SHM)) {
                assertEquals(Backing.SHM, second.backing(), "closing the first gave its space back");
            }
        }
    }

    /** Pages already written are in the file system's figures once, not also as a promise. */
    @Test
    void writtenPagesAreNotCountedTwice() throws Exception {
        try (TinyTmpfs tmpfs = TinyTmpfs.mount(Files.createDirectory(temporary.resolve("shm")), 8)) {
            SegmentStore store = storeOver(tmpfs);
            try (Segment first = store.create("first", 3 * MIB, Backing.SHM)) {
                first.memory().fill((byte) 1);
                try (Segment second = store.create("second", 3 * MIB, Backing.SHM)) {
                    MemorySegment memory = second.memory();
                    memory.fill((byte) 2);
                    assertEquals(2, memory.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 3 * MIB - 1));
                }
            }
        }
    }

    @Test
    void autoChoosesShmWhenItFitsAndTheSpillDirectoryWhenItDoesNot() throws Exception {
        try (TinyTmpfs tmpfs = TinyTmpfs.mount(Files.createDirectory(temporary.resolve("shm")), 8)) {
            SegmentStore store = storeOver(tmpfs);
            try (Segment fits = store.create("fits", 4 * MIB, Backing.AUTO);
                    Segment spills = store.create("spills", 4 * MIB, Backing.AUTO)) {
                SegmentInfo shm = fits.info();
                assertEquals(Backing.SHM, shm.backing());
                assertEquals(4 * MIB, shm.size());
                assertTrue(shm.path().startsWith(tmpfs.directory()), shm.toString());
                assertTrue(shm.owner() && !shm.readOnly(), shm.toString());
                assertEquals(ProcessIdentity.current(), shm.ownerProcess().orElseThrow());

                SegmentInfo spill = spills.info();
                assertEquals(Backing.MMAP, spill.backing(), "4 MiB more does not fit next to 4 MiB promised");
                assertTrue(spill.path().startsWith(temporary.resolve("spill")), spill.toString());
                assertEquals(4 * MIB, spill.size());
                spills.memory().fill((byte) 3);
            }
        }
    }

    private SegmentStore storeOver(TinyTmpfs tmpfs) {
        return new SegmentStore(new StorageContext(tmpfs.directory(), temporary.resolve("spill")));
    }

    private static long filesIn(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".seg")).count();
        }
    }
}

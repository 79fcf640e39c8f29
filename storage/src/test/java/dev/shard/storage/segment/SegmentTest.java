package dev.shard.storage.segment;

import dev.shard.storage.testing.IsolatedStoreTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

class SegmentTest extends IsolatedStoreTest {

    @Test
    void ownerWritesBorrowerReadsAndOwnerCloseUnlinks() throws Exception {
        Path path;
        try (Segment owner = store.create("values", 4096, Backing.SHM)) {
            path = owner.path();
            owner.setDouble(8, 2.5);
            try (Segment borrower = store.open(path, Access.READ_ONLY)) {
                assertEquals(2.5, borrower.getDouble(8));
                assertTrue(borrower.isReadOnly());
                assertFalse(borrower.isOwner());
                SegmentInfo info = borrower.info();
                assertEquals(new SegmentInfo(path, 4096, Backing.SHM, true, false,
                        java.util.Optional.of(ProcessIdentity.current())), info);
                assertEquals(new SegmentInfo(path, 4096, Backing.SHM, false, true,
                        java.util.Optional.of(ProcessIdentity.current())), owner.info());
            }
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path.getParent())));
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(path.getParent().resolve(RunDirectory.OWNER_FILE))));
        }
        assertFalse(Files.exists(path), "the owner unlinks on close");
    }

    @Test
    void sameFileTwiceSharesOneMapping() {
        try (Segment owner = store.create(64, Backing.SHM);
                Segment first = store.open(owner.path(), Access.READ_ONLY);
                Segment second = store.open(owner.path(), Access.READ_ONLY)) {
            assertEquals(1, store.mappingCount());
            owner.setLong(0, 42);
            assertEquals(42, second.getLong(0));
            first.close();
            assertEquals(42, second.getLong(0), "closing one handle leaves the others readable");
        }
    }

    @Test
    void useAfterCloseIsAClearError() {
        Segment segment = store.create(64, Backing.MMAP);
        var view = segment.memory();
        segment.close();
        var error = assertThrows(SegmentClosedException.class, () -> segment.getDouble(0));
        assertTrue(error.getMessage().contains("is closed"), error.getMessage());
        assertThrows(SegmentClosedException.class, segment::memory);
        assertThrows(IllegalStateException.class, () -> view.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0));
    }

    @Test
    void writeThroughBorrowedSegmentIsRejected() {
        try (Segment owner = store.create(64, Backing.SHM);
                Segment borrower = store.open(owner.path(), Access.READ_ONLY)) {
            var error = assertThrows(ReadOnlySegmentException.class, () -> borrower.setDouble(0, 1));
            assertTrue(error.getMessage().contains("read-only"), error.getMessage());
            assertEquals(0.0, owner.getDouble(0));
        }
    }

    @Test
    void outOfBoundsIsAClearError() {
        try (Segment segment = store.create(64, Backing.SHM)) {
            var error = assertThrows(SegmentBoundsException.class, () -> segment.getDouble(60));
            assertTrue(error.getMessage().contains("out of bounds"), error.getMessage());
            assertTrue(error.getMessage().contains("64 bytes"), error.getMessage());
        }
    }

    @Test
    void segmentsBeyondTwoGibibytesWork() {
        long size = 3L << 30;
        try (Segment segment = store.create("big", size, Backing.SHM)) {
            segment.setDouble(size - 8, 7.25);
            try (Segment borrower = store.open(segment.path(), Access.READ_ONLY)) {
                assertEquals(7.25, borrower.getDouble(size - 8));
                assertEquals(size, borrower.size());
            }
        }
    }

    @Test
    void openingAMissingSegmentSaysSo() {
        var error = assertThrows(dev.shard.storage.StorageException.class,
                () -> store.open(temporary.resolve("nope.seg"), Access.READ_ONLY));
        assertTrue(error.getMessage().startsWith("no segment at"), error.getMessage());
    }
}

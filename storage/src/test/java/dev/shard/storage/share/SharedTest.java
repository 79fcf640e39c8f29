package dev.shard.storage.share;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.storage.StorageException;
import dev.shard.storage.copy.CopyLedger;
import dev.shard.storage.layout.ElementType;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.segment.ProcessIdentity;
import dev.shard.storage.segment.SegmentBoundsException;
import dev.shard.storage.segment.SegmentClosedException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class SharedTest {

    @Test
    void everyPrimitiveTypeRoundTripsThroughAHandle() throws Exception {
        try (SharedInput doubles = Shared.share(new double[] {1.5, -2.25, Double.NaN});
                SharedInput ints = Shared.share(new int[] {7, -8, Integer.MAX_VALUE});
                SharedInput longs = Shared.share(new long[] {Long.MIN_VALUE, 0, 42});
                SharedInput logicals = Shared.share(new boolean[] {true, false, true});
                SharedInput raw = Shared.share(new byte[] {1, -1, 127}, Backing.MMAP)) {
            SharedHandle handle = serializeRoundTrip(doubles.handle());
            assertEquals(doubles.handle(), handle);
            assertEquals(handle, SharedHandle.decode(handle.encode()));
            try (SharedDoubleArray view = handle.openDoubles();
                    SharedIntArray intView = ints.handle().openInts();
                    SharedLongArray longView = longs.handle().openLongs();
                    SharedLogicalArray logicalView = logicals.handle().openLogicals();
                    SharedRawArray rawView = raw.handle().openRaw()) {
                assertEquals(-2.25, view.get(1));
                assertTrue(Double.isNaN(view.get(2)));
                assertEquals(3, view.length());
                assertEquals(Integer.MAX_VALUE, intView.get(2));
                assertEquals(Long.MIN_VALUE, longView.get(0));
                assertTrue(logicalView.get(0));
                assertFalse(logicalView.get(1));
                assertEquals((byte) -1, rawView.get(1));
                assertEquals(Backing.MMAP, raw.handle().backing());
                assertArrayEquals(new int[] {7, -8, Integer.MAX_VALUE}, intView.toArray());
                assertArrayEquals(new boolean[] {true, false, true}, logicalView.toArray());
            }
        }
    }

    @Test
    void matrixIsColumnMajorWithReadOnlyColumns() {
        double[][] rows = {{1, 2, 3}, {4, 5, 6}};
        try (SharedInput input = Shared.shareMatrix(rows); SharedMatrix matrix = input.handle().openMatrix()) {
            assertEquals(2, matrix.rows());
            assertEquals(3, matrix.columns());
            assertEquals(6, matrix.get(1, 2));
            assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, matrix.toArray());
            MemorySegment column = matrix.column(1);
            assertEquals(5, column.getAtIndex(ValueLayout.JAVA_DOUBLE, 1));
            assertTrue(column.isReadOnly());
            assertThrows(IllegalArgumentException.class, () -> column.setAtIndex(ValueLayout.JAVA_DOUBLE, 0, 9.0));
            var error = assertThrows(SegmentBoundsException.class, () -> matrix.get(2, 0));
            assertTrue(error.getMessage().contains("cell (2, 0) is out of bounds"), error.getMessage());
            var wrongKind = assertThrows(StorageException.class, () -> input.handle().openDoubles());
            assertTrue(wrongKind.getMessage().contains("is not a double vector"), wrongKind.getMessage());
        }
    }

    @Test
    void writerFillsInPlaceAndPublishingSealsIt() {
        try (SharedWriter writer = Shared.allocateMatrix(4, 3, Backing.SHM)) {
            MemorySegment column = writer.column(2);
            for (int row = 0; row < 4; row++) {
                column.setAtIndex(ValueLayout.JAVA_DOUBLE, row, 10 + row);
            }
            writer.setDouble(0, 0, -1);
            var wrongType = assertThrows(StorageException.class, () -> writer.setInt(0, 1));
            assertTrue(wrongType.getMessage().contains("cannot write a int value into the shared double"),
                    wrongType.getMessage());
            try (SharedInput input = writer.publish(); SharedMatrix matrix = input.openMatrix()) {
                assertEquals(13, matrix.get(3, 2));
                assertEquals(-1, matrix.get(0, 0));
                assertThrows(IllegalStateException.class, () -> column.setAtIndex(ValueLayout.JAVA_DOUBLE, 0, 1.0),
                        "memory taken before publish must not stay writable");
                var sealed = assertThrows(StorageException.class, () -> writer.setDouble(0, 5));
                assertTrue(sealed.getMessage().contains("published"), sealed.getMessage());
                assertEquals(-1, matrix.get(0, 0));
            }
        }
    }

    @Test
    void writerClosedWithoutPublishingDiscardsItsData() {
        SharedWriter writer = Shared.allocate(ElementType.INT, 100, Backing.SHM);
        writer.setInt(5, 42);
        writer.close();
        var error = assertThrows(StorageException.class, writer::publish);
        assertTrue(error.getMessage().contains("was closed before publishing"), error.getMessage());
        var closed = assertThrows(StorageException.class, () -> writer.setInt(0, 1));
        assertTrue(closed.getMessage().contains("is closed"), closed.getMessage());
    }

    @Test
    void ownerCloseUnlinksButOpenViewsKeepReading() {
        SharedInput input = Shared.share(new long[] {5, 6, 7});
        Path path = input.handle().file();
        try (SharedLongArray view = input.handle().openLongs()) {
            input.close();
            assertFalse(Files.exists(path), "the owner unlinks the data on close");
            assertEquals(7, view.get(2), "a view opened before release keeps reading");
            var gone = assertThrows(StorageException.class, () -> input.handle().open());
            assertTrue(gone.getMessage().contains("no segment at " + path), gone.getMessage());
        }
    }

    @Test
    void closedViewAndBadIndexGiveClearErrors() {
        try (SharedInput input = Shared.share(new double[] {1, 2})) {
            SharedDoubleArray view = input.handle().openDoubles();
            var bounds = assertThrows(SegmentBoundsException.class, () -> view.get(2));
            assertTrue(bounds.getMessage().contains("index 2 is out of bounds") && bounds.getMessage().contains("0..1"),
                    bounds.getMessage());
            view.close();
            var closed = assertThrows(SegmentClosedException.class, () -> view.get(0));
            assertTrue(closed.getMessage().contains("is closed"), closed.getMessage());
        }
    }

    @Test
    void fetchAndMaterializeAreCountedWithTheCallSite() {
        try (SharedInput input = Shared.share(new double[] {1, 2, 3, 4})) {
            CopyLedger.Snapshot before = CopyLedger.snapshot();
            double[] fetched = (double[]) Shared.fetch(input.handle());
            assertArrayEquals(new double[] {1, 2, 3, 4}, fetched);
            try (SharedArray view = input.open()) {
                assertArrayEquals(new double[] {1, 2, 3, 4}, (double[]) Shared.materialize(view));
            }
            CopyLedger.Snapshot after = CopyLedger.snapshot(100);
            CopyLedger.Snapshot change = after.minus(before);
            assertEquals(2, change.events());
            assertEquals(64, change.bytes());
            assertTrue(after.topCallSites().stream().anyMatch(site -> site.what().equals("fetch")
                    && site.site().startsWith(SharedTest.class.getName() + ".fetchAndMaterializeAreCounted")),
                    after.topCallSites().toString());
            assertTrue(after.topCallSites().stream().anyMatch(site -> site.what().equals("materialize")
                    && site.site().contains("SharedTest.java")), after.topCallSites().toString());
        }
    }

    @Test
    void callerInAStoragePackageIsNamedAsTheCallSite() {
        try (SharedInput input = Shared.share(new double[] {5, 6})) {
            assertArrayEquals(new double[] {5, 6}, CopyingCaller.fetch(input.handle()));
            assertTrue(CopyLedger.snapshot(100).topCallSites().stream().anyMatch(site -> site.what().equals("fetch")
                    && site.site().startsWith(CopyingCaller.class.getName() + ".fetch(")),
                    CopyLedger.snapshot(100).topCallSites().toString());
        }
    }

    @Test
    void isSharedAndSharedInfoDescribeOurDataOnly() {
        double[] heap = {1, 2};
        try (SharedInput input = Shared.share(heap, Backing.SHM); SharedArray view = input.open()) {
            assertTrue(Shared.isShared(input));
            assertTrue(Shared.isShared(view));
            assertFalse(Shared.isShared(heap));
            SharedInfo info = Shared.sharedInfo(view);
            assertEquals(input.handle().file(), info.path());
            assertEquals(Backing.SHM, info.backing());
            assertEquals(16, info.sizeBytes());
            assertEquals("double", info.type());
            assertArrayEquals(new long[] {2}, info.shape());
            assertEquals(ProcessIdentity.current(), info.owner().orElseThrow());
            assertTrue(info.readOnly());
            assertTrue(Shared.sharedInfo(input).ownedHere());
            var error = assertThrows(StorageException.class, () -> Shared.sharedInfo(heap));
            assertTrue(error.getMessage().contains("it is not shared data"), error.getMessage());
        }
    }

    @Test
    void emptyVectorShares() {
        try (SharedInput input = Shared.share(new int[0]); SharedIntArray view = input.handle().openInts()) {
            assertEquals(0, view.length());
            assertArrayEquals(new int[0], view.toArray());
            assertEquals(ElementType.INT, view.type());
        }
    }

    /** Beyond 2 GiB: a 3 GiB matrix (its space reserved in full), written in place at both ends and read back. */
    @Test
    void matrixBeyondTwoGibibytes() {
        long rows = 1L << 16;
        long columns = 6 * 1024 + 1;
        try (SharedWriter writer = Shared.allocateMatrix(rows, columns, Backing.SHM)) {
            writer.setDouble(0, 0, 1.5);
            writer.setDouble(rows - 1, columns - 1, -7.25);
            try (SharedInput input = writer.publish(); SharedMatrix matrix = input.openMatrix()) {
                assertTrue(matrix.memory().byteSize() > 3L << 30, "more than 3 GiB of elements");
                assertEquals(1.5, matrix.get(0, 0));
                assertEquals(-7.25, matrix.get(rows - 1, columns - 1));
                assertEquals(-7.25, matrix.column(columns - 1).getAtIndex(ValueLayout.JAVA_DOUBLE, rows - 1));
                var tooBig = assertThrows(StorageException.class, matrix::toArray);
                assertTrue(tooBig.getMessage().contains("bytes of heap, but only about"), tooBig.getMessage());
            }
        }
    }

    @Test
    void handleOfSomethingElseIsRejected() {
        try (SharedInput input = Shared.share(new double[] {1, 2, 3})) {
            SharedHandle handle = input.handle();
            SharedHandle wrong = new SharedHandle(handle.path(), handle.backing(), handle.offset(), handle.length() / 3,
                    ElementType.LONG, new long[] {1});
            var error = assertThrows(StorageException.class, wrong::open);
            assertTrue(error.getMessage().contains("but the handle says") && error.getMessage().contains("stale"),
                    error.getMessage());
            var garbage = assertThrows(StorageException.class, () -> SharedHandle.decode("hello"));
            assertTrue(garbage.getMessage().contains("not a shared array handle"), garbage.getMessage());
        }
    }

    @AfterAll
    static void nothingOfOursIsLeft() throws Exception {
        SharedStorageChecks.assertNoSharedFilesLeft("shared-");
    }

    @SuppressWarnings("unchecked")
    static <T> T serializeRoundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}

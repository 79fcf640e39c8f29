package dev.shard.storage.buffer;

import dev.shard.storage.testing.IsolatedStoreTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shard.storage.StorageException;
import dev.shard.storage.layout.ArrayDescriptor;
import dev.shard.storage.layout.ElementType;
import dev.shard.storage.segment.Access;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.segment.ReadOnlySegmentException;
import dev.shard.storage.segment.Segment;
import dev.shard.storage.segment.SegmentBoundsException;
import dev.shard.storage.segment.SegmentClosedException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every misuse of a buffer fails with an exception whose whole message is pinned here. */
class BufferErrorsTest extends IsolatedStoreTest {

    @Test
    void valuesOfTheWrongTypeAreRejected() {
        try (OutputBuffer ints = OutputBuffer.create(store, BufferSpec.vector(ElementType.INT, 10))) {
            String expected = "output buffer " + ints.path() + " (int[10]) holds int values: cannot write double"
                    + " values (use int[] / getInt / setInt, or create the buffer with type double)";
            assertMessage(BufferMismatchException.class, expected, () -> ints.write(0, new double[] {1.5}));
            assertMessage(BufferMismatchException.class, expected, () -> ints.setDouble(0, 1.5));
            assertMessage(BufferMismatchException.class, "output buffer " + ints.path() + " (int[10]) holds int"
                    + " values: cannot read logical values (use int[] / getInt / setInt, or create the buffer"
                    + " with type logical)", ints::toLogicalArray);
            assertEquals(0, ints.getInt(0), "a rejected write changes nothing");
        }
    }

    @Test
    void useAfterCloseFailsLoudly() {
        OutputBuffer buffer = OutputBuffer.create(store, BufferSpec.vector(ElementType.DOUBLE, 10));
        String prefix = "output buffer " + buffer.path() + " (double[10]) is closed: cannot ";
        String suffix = " it (open it again by path or reference, or close it only after the last use)";
        buffer.close();
        assertMessage(SegmentClosedException.class, prefix + "write" + suffix, () -> buffer.setDouble(0, 1));
        assertMessage(SegmentClosedException.class, prefix + "read" + suffix, buffer::toDoubleArray);
        assertMessage(SegmentClosedException.class, prefix + "read" + suffix, () -> buffer.getDouble(3));
        assertMessage(SegmentClosedException.class, prefix + "use the data of" + suffix, buffer::data);
    }

    @Test
    void aReadOnlyHandleCannotWrite() {
        try (OutputBuffer owner = OutputBuffer.create(store, BufferSpec.vector(ElementType.DOUBLE, 10));
                OutputBuffer reader = OutputBuffer.open(store, owner.path(), Access.READ_ONLY, ElementType.DOUBLE)) {
            String expected = "output buffer " + owner.path() + " (double[10]) is open read-only: cannot write it"
                    + " (open it with Access.READ_WRITE to write)";
            assertMessage(ReadOnlySegmentException.class, expected, () -> reader.write(0, new double[] {1}));
            assertMessage(ReadOnlySegmentException.class, expected, () -> reader.setDouble(0, 1));
            assertEquals(0.0, owner.getDouble(0));
        }
    }

    @Test
    void outOfBoundsSlicesNameTheValidRange() {
        try (OutputBuffer vector = OutputBuffer.create(store, BufferSpec.vector(ElementType.DOUBLE, 10));
                OutputBuffer matrix = OutputBuffer.create(store, BufferSpec.matrix(ElementType.DOUBLE, 7, 5))) {
            String vectorName = "output buffer " + vector.path() + " (double[10])";
            String matrixName = "output buffer " + matrix.path() + " (double[7, 5])";
            assertMessage(SegmentBoundsException.class, "out of bounds: elements [8, 12) of " + vectorName
                    + " (it has 10 elements: 0..9)", () -> vector.write(8, new double[4]));
            assertMessage(SegmentBoundsException.class, "out of bounds: index 10 (at position 1 of the index"
                    + " array) of " + vectorName + " (it has 10 elements: 0..9)",
                    () -> vector.readDoubles(BufferSlice.indices(0, 10)));
            assertMessage(SegmentBoundsException.class, "out of bounds: index -1 of " + vectorName
                    + " (it has 10 elements: 0..9)", () -> vector.getDouble(-1));
            assertMessage(SegmentBoundsException.class, "out of bounds: columns [5, 6) of " + matrixName
                    + " (it has 5 columns: 0..4)", () -> matrix.writeColumn(5, new double[7]));
            assertMessage(SegmentBoundsException.class, "out of bounds: rows [6, 8) of " + matrixName
                    + " (it has 7 rows: 0..6)", () -> matrix.readBlock(6, 0, 2, 2));
            assertMessage(StorageException.class, "column slices need a matrix (rank 2) buffer; " + vectorName
                    + " has rank 1 (use a range or a box slice)", () -> vector.readColumn(0));
            assertMessage(StorageException.class, "slice Columns[first=0, count=1] of " + matrixName
                    + " has 7 elements but the array has 6 (give exactly one value per element)",
                    () -> matrix.writeColumn(0, new double[6]));
        }
    }

    @Test
    void openChecksTypeAndDims() {
        try (OutputBuffer ints = OutputBuffer.create(store, BufferSpec.matrix(ElementType.INT, 10, 5))) {
            Path path = ints.path();
            String advice = " (check the path, or open it with the type and dims it was created with)";
            assertMessage(BufferMismatchException.class, "output buffer " + path + " is int[10, 5], expected"
                    + " double[10, 5]" + advice,
                    () -> OutputBuffer.open(store, path, Access.READ_WRITE, ElementType.DOUBLE, 10, 5));
            assertMessage(BufferMismatchException.class, "output buffer " + path + " is int[10, 5], expected"
                    + " int[5, 10]" + advice,
                    () -> OutputBuffer.open(store, path, Access.READ_WRITE, ElementType.INT, 5, 10));
            assertMessage(BufferMismatchException.class, "output buffer " + path + " is int[10, 5], expected"
                    + " double[any dims]" + advice,
                    () -> OutputBuffer.open(store, path, Access.READ_ONLY, ElementType.DOUBLE));
            assertEquals(1, store.mappingCount(), "failed opens release their mapping");
        }
    }

    @Test
    void openRejectsWhatIsNotAnOutputBuffer() {
        try (Segment plain = store.create("plain", 4096, Backing.SHM);
                Segment input = store.create("input", 4096, Backing.SHM)) {
            new ArrayDescriptor(ElementType.DOUBLE, ArrayDescriptor.Kind.SHARED_INPUT, new long[] {4}).write(input);
            assertMessage(StorageException.class, "segment " + plain.path() + " is not a shard array: it does not"
                    + " start with SHARDARR", () -> OutputBuffer.open(store, plain.path(), Access.READ_WRITE));
            assertMessage(BufferMismatchException.class, "segment " + input.path() + " holds a shared input"
                    + " (double[4] SHARED_INPUT), not an output buffer: open it through the shared-data API",
                    () -> OutputBuffer.open(store, input.path(), Access.READ_ONLY));
            Path missing = temporary.resolve("gone.seg").toAbsolutePath();
            assertMessage(StorageException.class, "no segment at " + missing + " (its owner closed it or exited;"
                    + " check the path and that the owner is still running)",
                    () -> OutputBuffer.open(store, missing, Access.READ_WRITE));
        }
    }

    @Test
    void badSpecsSayHowToFixThem() {
        assertMessage(StorageException.class, "init 1.5 does not fit the element type int (use a whole number in"
                + " -2147483648..2147483647)", () -> BufferSpec.vector(ElementType.INT, 3).withInit(1.5));
        assertMessage(StorageException.class, "init 2 does not fit the element type logical (use a whole number"
                + " in 0..1)", () -> BufferSpec.vector(ElementType.LOGICAL, 3).withInit(2));
        assertMessage(StorageException.class, "buffer dims must not be negative: [3, -1]",
                () -> BufferSpec.matrix(ElementType.DOUBLE, 3, -1));
        assertMessage(StorageException.class, "invalid segment name 'a/b': use 1-200 letters, digits, '.', '_'"
                + " or '-'", () -> OutputBuffer.create(store, BufferSpec.vector(ElementType.RAW, 1).withName("a/b")));
    }

    private static void assertMessage(Class<? extends Throwable> type, String expected, Executable action) {
        Throwable error = assertThrows(type, action);
        assertEquals(expected, error.getMessage());
    }
}

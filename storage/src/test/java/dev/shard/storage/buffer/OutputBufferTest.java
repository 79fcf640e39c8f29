package dev.shard.storage.buffer;

import dev.shard.storage.testing.IsolatedStoreTest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.storage.copy.CopyLedger;
import dev.shard.storage.layout.ElementType;
import dev.shard.storage.segment.Access;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.segment.ProcessIdentity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OutputBufferTest extends IsolatedStoreTest {

    /**
     * Space is reserved at creation whatever the init, so no later write can fault for
     * want of a page; zero is what a reserved page reads as, other inits are written.
     */
    @Test
    void everyBufferHasItsSpaceReservedAtCreation() throws Exception {
        long length = 8L << 20;
        try (OutputBuffer zero = OutputBuffer.create(store, BufferSpec.vector(ElementType.DOUBLE, length));
                OutputBuffer filled = OutputBuffer.create(store,
                        BufferSpec.vector(ElementType.DOUBLE, length).withInit(1.5))) {
            long zeroAllocated = allocatedBytes(zero.path());
            long filledAllocated = allocatedBytes(filled.path());
            assertTrue(zeroAllocated >= length * Double.BYTES, "a zero buffer of 64 MiB reserved only " + zeroAllocated);
            assertTrue(filledAllocated >= length * Double.BYTES, "init 1.5 allocated only " + filledAllocated);
            assertEquals(0.0, zero.getDouble(length - 1));
            assertEquals(1.5, filled.getDouble(0));
            assertEquals(1.5, filled.getDouble(length / 2 + 1));
            assertEquals(1.5, filled.getDouble(length - 1));
        }
    }

    @Test
    void lastWriteWinsAcrossTwoHandlesOfOneBuffer() {
        try (OutputBuffer first = OutputBuffer.create(store, BufferSpec.vector(ElementType.INT, 20));
                OutputBuffer second = OutputBuffer.open(store, first.path(), Access.READ_WRITE, ElementType.INT, 20)) {
            first.write(0, fill(10, 1));
            second.write(5, fill(10, 2));
            first.setInt(7, 3);
            int[] seen = second.readInts(BufferSlice.all());
            for (int i = 0; i < 20; i++) {
                int expected = i == 7 ? 3 : i < 5 ? 1 : i < 15 ? 2 : 0;
                assertEquals(expected, seen[i], "element " + i);
            }
        }
    }

    private static int[] fill(int count, int value) {
        int[] values = new int[count];
        java.util.Arrays.fill(values, value);
        return values;
    }

    @Test
    void initFillsEveryElementOfEveryType() {
        try (OutputBuffer ints = OutputBuffer.create(store, BufferSpec.vector(ElementType.INT, 1001).withInit(-7));
                OutputBuffer longs = OutputBuffer.create(store,
                        BufferSpec.matrix(ElementType.LONG, 3, 5).withInit(1L << 40));
                OutputBuffer logicals = OutputBuffer.create(store,
                        BufferSpec.vector(ElementType.LOGICAL, 9).withInit(true));
                OutputBuffer raw = OutputBuffer.create(store, BufferSpec.vector(ElementType.RAW, 4).withInit(0xAB));
                OutputBuffer missing = OutputBuffer.create(store,
                        BufferSpec.of(ElementType.DOUBLE, 2, 3, 4).withInit(Double.NaN))) {
            assertTrue(java.util.Arrays.stream(ints.toIntArray()).allMatch(value -> value == -7));
            assertTrue(java.util.Arrays.stream(longs.toLongArray()).allMatch(value -> value == 1L << 40));
            boolean[] truths = logicals.toLogicalArray();
            for (boolean truth : truths) {
                assertTrue(truth);
            }
            assertArrayEquals(new byte[] {(byte) 0xAB, (byte) 0xAB, (byte) 0xAB, (byte) 0xAB}, raw.toRawArray());
            assertTrue(java.util.Arrays.stream(missing.toDoubleArray()).allMatch(Double::isNaN));
        }
    }

    @Test
    void rangesAndIndexArraysRoundTrip() {
        try (OutputBuffer buffer = OutputBuffer.create(store, BufferSpec.vector(ElementType.DOUBLE, 100))) {
            buffer.write(10, new double[] {1, 2, 3});
            buffer.write(BufferSlice.indices(50, 51, 52, 7, 99), new double[] {5, 6, 7, 8, 9});
            assertArrayEquals(new double[] {0, 1, 2, 3, 0}, buffer.readDoubles(BufferSlice.range(9, 5)));
            assertArrayEquals(new double[] {9, 8, 7, 6, 5, 2},
                    buffer.readDoubles(BufferSlice.indices(99, 7, 52, 51, 50, 11)));
            buffer.write(BufferSlice.indices(3, 3), new double[] {1, 2});
            assertEquals(2.0, buffer.getDouble(3), "the last write wins");
            double[] destination = new double[3];
            buffer.read(BufferSlice.range(10, 3), destination);
            assertArrayEquals(new double[] {1, 2, 3}, destination);
        }
    }

    @Test
    void matrixColumnsRowsAndBlocksLandWhereIndexMathSays() {
        int rows = 7;
        int columns = 5;
        try (OutputBuffer matrix = OutputBuffer.create(store, BufferSpec.matrix(ElementType.DOUBLE, rows, columns))) {
            assertEquals(rows, matrix.rows());
            assertEquals(columns, matrix.columns());
            matrix.writeColumn(4, new double[] {40, 41, 42, 43, 44, 45, 46});
            matrix.writeRow(6, new double[] {60, 61, 62, 63, 64});
            matrix.writeBlock(1, 1, 2, 3, new double[] {11, 21, 12, 22, 13, 23});
            assertEquals(11, matrix.getDouble(matrix.indexOf(1, 1)));
            assertEquals(21, matrix.getDouble(matrix.indexOf(2, 1)));
            assertEquals(12, matrix.getDouble(matrix.indexOf(1, 2)));
            assertEquals(23, matrix.getDouble(matrix.indexOf(2, 3)));
            assertEquals(64, matrix.getDouble(matrix.indexOf(6, 4)), "the row write came after the column write");
            assertArrayEquals(new double[] {40, 41, 42, 43, 44, 45, 64}, matrix.readColumn(4));
            assertArrayEquals(new double[] {60, 61, 62, 63, 64}, matrix.readDoubles(BufferSlice.row(6)));
            assertArrayEquals(new double[] {11, 21, 12, 22, 13, 23}, matrix.readBlock(1, 1, 2, 3));
            double[] whole = matrix.toDoubleArray();
            for (int column = 0; column < columns; column++) {
                assertArrayEquals(java.util.Arrays.copyOfRange(whole, column * rows, (column + 1) * rows),
                        matrix.readDoubles(BufferSlice.columns(column, 1)));
            }
        }
    }

    @Test
    void anNdBoxIsColumnMajor() {
        long[] dims = {4, 3, 2};
        try (OutputBuffer cube = OutputBuffer.create(store, BufferSpec.of(ElementType.INT, dims))) {
            int[] values = new int[2 * 2 * 2];
            for (int i = 0; i < values.length; i++) {
                values[i] = 100 + i;
            }
            cube.write(BufferSlice.box(new long[] {1, 1, 0}, new long[] {2, 2, 2}), values);
            int position = 0;
            for (long k = 0; k < 2; k++) {
                for (long j = 1; j < 3; j++) {
                    for (long i = 1; i < 3; i++) {
                        assertEquals(values[position++], cube.getInt(i + 4 * j + 12 * k));
                    }
                }
            }
            assertEquals(0, cube.getInt(cube.indexOf(0, 0, 0)));
            assertArrayEquals(values, cube.readInts(BufferSlice.box(new long[] {1, 1, 0}, new long[] {2, 2, 2})));
        }
    }

    @Test
    void everyElementTypeRoundTrips() {
        try (OutputBuffer longs = OutputBuffer.create(store, BufferSpec.vector(ElementType.LONG, 4));
                OutputBuffer logicals = OutputBuffer.create(store, BufferSpec.vector(ElementType.LOGICAL, 4));
                OutputBuffer raw = OutputBuffer.create(store, BufferSpec.vector(ElementType.RAW, 4))) {
            longs.write(0, new long[] {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE});
            longs.setLong(2, 42);
            assertArrayEquals(new long[] {Long.MIN_VALUE, -1, 42, Long.MAX_VALUE}, longs.toLongArray());
            logicals.write(BufferSlice.all(), new boolean[] {true, false, true, false});
            logicals.setLogical(1, true);
            assertArrayEquals(new boolean[] {true, true, true, false}, logicals.readLogicals(BufferSlice.all()));
            assertFalse(logicals.getLogical(3));
            raw.write(BufferSlice.range(1, 2), new byte[] {-1, 127});
            raw.setRaw(3, (byte) 9);
            assertArrayEquals(new byte[] {0, -1, 127, 9}, raw.toRawArray());
            assertEquals((byte) -1, raw.getRaw(1));
        }
    }

    @Test
    void conversionToJavaArraysIsACountedCopy() {
        try (OutputBuffer buffer = OutputBuffer.create(store, BufferSpec.vector(ElementType.DOUBLE, 1000))) {
            CopyLedger.Snapshot before = CopyLedger.snapshot();
            buffer.toDoubleArray();
            buffer.readDoubles(BufferSlice.range(0, 10));
            CopyLedger.Snapshot change = CopyLedger.snapshot().minus(before);
            assertEquals(2, change.events());
            assertEquals(8000 + 80, change.bytes());
            assertTrue(CopyLedger.snapshot().topCallSites().stream()
                    .anyMatch(site -> site.what().equals("buffer.toArray") && site.site().contains("OutputBufferTest")),
                    CopyLedger.snapshot().topCallSites().toString());
        }
    }

    @Test
    void countersTrackCallsAndBytesPerHandle() {
        try (OutputBuffer buffer = OutputBuffer.create(store, BufferSpec.matrix(ElementType.INT, 10, 4))) {
            buffer.write(BufferSlice.column(1), new int[10]);
            buffer.setInt(3, 1);
            buffer.readInts(BufferSlice.block(0, 0, 2, 2));
            buffer.toIntArray();
            assertEquals(new BufferCounters(2, 40 + 4, 2, 16 + 160), buffer.counters());
            try (OutputBuffer other = OutputBuffer.open(store, buffer.path(), Access.READ_ONLY)) {
                assertEquals(1, other.getInt(3));
                assertEquals(new BufferCounters(0, 0, 1, 4), other.counters());
            }
        }
    }

    @Test
    void infoDescribesTheBuffer() {
        try (OutputBuffer buffer = OutputBuffer.create(store,
                BufferSpec.matrix(ElementType.DOUBLE, 3, 2).withBacking(Backing.MMAP).withName("result"))) {
            BufferInfo info = buffer.info();
            assertEquals(temporary.resolve("spill").toAbsolutePath(), info.path().getParent().getParent());
            assertEquals("result.seg", info.path().getFileName().toString());
            assertEquals(ElementType.DOUBLE, info.type());
            assertArrayEquals(new long[] {3, 2}, info.dims());
            assertEquals(Backing.MMAP, info.backing());
            assertEquals(48, info.bytes());
            assertEquals(buffer.descriptor().segmentBytes(), info.segmentBytes());
            assertTrue(info.owner());
            assertFalse(info.readOnly());
            assertEquals(ProcessIdentity.current(), info.ownerProcess().orElseThrow());
            assertEquals(buffer.path(), buffer.path());
        }
    }

    @Test
    void aReferenceSurvivesSerializationAndOpensTheSamePages() throws Exception {
        Path path;
        try (OutputBuffer owner = OutputBuffer.create(store, BufferSpec.vector(ElementType.LONG, 8))) {
            path = owner.path();
            BufferReference reference = roundTrip(owner.reference());
            assertEquals(owner.reference(), reference);
            try (OutputBuffer worker = reference.open(store, Access.READ_WRITE)) {
                assertFalse(worker.isOwner());
                worker.setLong(5, 55);
                assertEquals(1, store.mappingCount(), "one mapping per file per process");
            }
            assertEquals(55, owner.getLong(5), "the worker wrote the owner's pages");
            assertTrue(Files.exists(path), "a borrower's close never removes the file");
        }
        assertFalse(Files.exists(path), "the owner's close removes the file");
    }

    @Test
    void offsetsBeyondTwoGibibytesWork() {
        long rows = 1L << 20;
        long columns = 384 + 2;
        try (OutputBuffer big = OutputBuffer.create(store, BufferSpec.matrix(ElementType.DOUBLE, rows, columns))) {
            assertTrue(big.descriptor().dataBytes() > 3L << 30);
            double[] column = new double[(int) rows];
            column[0] = 1;
            column[column.length - 1] = 2;
            big.writeColumn(columns - 1, column);
            big.write(BufferSlice.indices(big.length() - rows - 1), new double[] {3});
            assertArrayEquals(column, big.readColumn(columns - 1));
            assertEquals(3, big.getDouble(big.indexOf(rows - 1, columns - 2)));
            assertArrayEquals(new double[] {3, 2}, big.readBlock(rows - 1, columns - 2, 1, 2));
        }
    }

    @Test
    void autoBackingResolvesToARealOne() {
        try (OutputBuffer buffer = OutputBuffer.create(store, BufferSpec.vector(ElementType.RAW, 10))) {
            assertTrue(buffer.info().backing() != Backing.AUTO, buffer.info().toString());
        }
    }

    static long allocatedBytes(Path file) throws Exception {
        Process stat = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).start();
        String[] parts = new String(stat.getInputStream().readAllBytes()).trim().split(" ");
        assertEquals(0, stat.waitFor());
        return Long.parseLong(parts[0]) * Long.parseLong(parts[1]);
    }

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}

package dev.shard.storage.arrow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.storage.StorageException;
import dev.shard.storage.segment.SegmentClosedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrowFileTest {
    @TempDir
    Path temporary;
    private BufferAllocator allocator;

    @BeforeEach
    void allocate() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void noLeaks() {
        allocator.close();
    }

    @Test
    void fileWrittenByArrowJavaIsReadZeroCopyWithItsValues() throws Exception {
        Path file = temporary.resolve("sample.arrow");
        ArrowFixtures.writeFile(file, allocator, 1000, 234);
        try (SharedArrowTable table = ArrowFiles.open(file)) {
            assertEquals(2, table.batchCount());
            assertEquals(1234, table.rowCount());
            ArrowFixtures.assertSampleValues(table.batch(0), 0);
            ArrowFixtures.assertSampleValues(table.batch(1), 1000);
            for (VectorSchemaRoot batch : table.batches()) {
                for (FieldVector vector : batch.getFieldVectors()) {
                    assertTrue(vector.getNullCount() > 0, vector.getName() + " has nulls in the fixture");
                    for (ArrowBuf buffer : vector.getFieldBuffers()) {
                        assertTrue(table.isInMapping(buffer), vector.getName() + " buffer at "
                                + buffer.memoryAddress() + " is outside the mapping: it was copied");
                    }
                }
            }
            assertEquals(0, allocator.getAllocatedMemory(), "reading allocates nothing in the caller's allocator");
        }
    }

    @Test
    void fileWrittenByArrowJsIsReadZeroCopy() throws Exception {
        Path file = Path.of(getClass().getResource("/arrow/arrowjs-fixture.arrow").toURI());
        byte[] before = Files.readAllBytes(file);
        try (SharedArrowTable table = ArrowFiles.open(file)) {
            assertEquals(5, table.rowCount());
            VectorSchemaRoot batch = table.batch(0);
            IntVector id = (IntVector) batch.getVector("id");
            Float8Vector score = (Float8Vector) batch.getVector("score");
            VarCharVector name = (VarCharVector) batch.getVector("name");
            BitVector flag = (BitVector) batch.getVector("flag");
            assertEquals(java.util.Arrays.asList(1, 2, null, 4, 5),
                    java.util.stream.IntStream.range(0, 5).mapToObj(id::getObject).toList());
            assertEquals(java.util.Arrays.asList(0.5, null, 2.25, -3.0, 1e300),
                    java.util.stream.IntStream.range(0, 5).mapToObj(score::getObject).toList());
            assertEquals(java.util.Arrays.asList("alpha", null, "", "délta", "epsilon"),
                    java.util.stream.IntStream.range(0, 5).mapToObj(
                            i -> name.isNull(i) ? null : new String(name.get(i), StandardCharsets.UTF_8)).toList());
            assertEquals(java.util.Arrays.asList(true, false, null, true, false),
                    java.util.stream.IntStream.range(0, 5).mapToObj(flag::getObject).toList());
            for (FieldVector vector : batch.getFieldVectors()) {
                assertTrue(table.isInMapping(vector.getDataBuffer()), vector.getName() + " data was copied");
                assertTrue(table.isInMapping(vector.getValidityBuffer()), vector.getName() + " validity was copied");
            }
        }
        assertArrayEquals(before, Files.readAllBytes(file), "reading never modifies the file");
    }

    @Test
    void aStrayWriteThroughArrowNeitherCrashesNorLeaks() throws Exception {
        Path file = temporary.resolve("sample.arrow");
        ArrowFixtures.writeFile(file, allocator, 10, 10);
        byte[] before = Files.readAllBytes(file);
        try (SharedArrowTable table = ArrowFiles.open(file)) {
            IntVector id = (IntVector) table.batch(0).getVector("id");
            id.set(0, 999);
            assertEquals(999, id.get(0), "the write lands in this process's private copy of the page");
            try (SharedArrowTable again = ArrowFiles.open(file)) {
                assertEquals(0, ((IntVector) again.batch(0).getVector("id")).get(0), "others never see it");
            }
        }
        assertArrayEquals(before, Files.readAllBytes(file), "the file never changes");
    }

    @Test
    void closingTheTableClosesItsVectorsFirst() throws Exception {
        Path file = temporary.resolve("sample.arrow");
        ArrowFixtures.writeFile(file, allocator, 10, 10);
        SharedArrowTable table = ArrowFiles.open(file);
        IntVector id = (IntVector) table.batch(0).getVector("id");
        assertTrue(isMapped(file));
        table.close();
        assertFalse(isMapped(file), "closing the table unmaps the file");
        assertTrue(table.isClosed());
        assertEquals(0, id.getValueCount(), "vectors are emptied, so they cannot reach the unmapped memory");
        assertThrows(IndexOutOfBoundsException.class, () -> id.get(0));
        var error = assertThrows(SegmentClosedException.class, () -> table.batch(0));
        assertTrue(error.getMessage().contains("is closed"), error.getMessage());
    }

    @Test
    void aRetainedBufferKeepsTheMappingAliveAndIsReported() throws Exception {
        Path file = temporary.resolve("sample.arrow");
        ArrowFixtures.writeFile(file, allocator, 10, 10);
        SharedArrowTable table = ArrowFiles.open(file);
        ArrowBuf kept = table.batch(0).getVector("id").getDataBuffer();
        kept.getReferenceManager().retain();
        var error = assertThrows(StorageException.class, table::close);
        assertTrue(error.getMessage().contains("still referenced") && error.getMessage().contains("stays in place"),
                error.getMessage());
        assertEquals(1, kept.getInt(4), "the retained buffer still reads the mapping");
        assertTrue(isMapped(file), "the mapping stays while a buffer is referenced");
        kept.getReferenceManager().release();
        table.close();
        assertFalse(isMapped(file), "once the buffer is released, a second close unmaps");
    }

    static boolean isMapped(Path file) throws java.io.IOException {
        return Files.readString(Path.of("/proc/self/maps")).contains(file.toAbsolutePath().toString());
    }

    static boolean isMappedQuietly(Path file) {
        try {
            return isMapped(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void openingAMissingFileSaysSo() {
        var error = assertThrows(StorageException.class, () -> ArrowFiles.open(temporary.resolve("none.arrow")));
        assertTrue(error.getMessage().contains("cannot open Arrow file " + temporary.resolve("none.arrow") + ": it does not exist"),
                error.getMessage());
        assertFalse(Files.exists(temporary.resolve("none.arrow")));
    }
}

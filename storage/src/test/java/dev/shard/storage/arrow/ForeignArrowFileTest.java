package dev.shard.storage.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/**
 * Arrow IPC files written by pyarrow and by DuckDB's Arrow export (see
 * resources/arrow/README.md) are read zero-copy with their values.
 */
class ForeignArrowFileTest {
    @Test
    void pyarrowFileWithTwoBatchesIsReadZeroCopy() throws Exception {
        try (SharedArrowTable table = ArrowFiles.open(fixture("pyarrow-fixture.arrow"))) {
            assertEquals(2, table.batches().size());
            assertEquals(12, table.rowCount());
            int row = 0;
            for (VectorSchemaRoot batch : table.batches()) {
                IntVector i32 = (IntVector) batch.getVector("i32");
                BigIntVector i64 = (BigIntVector) batch.getVector("i64");
                Float8Vector f64 = (Float8Vector) batch.getVector("f64");
                BitVector flag = (BitVector) batch.getVector("flag");
                VarCharVector text = (VarCharVector) batch.getVector("text");
                for (int i = 0; i < batch.getRowCount(); i++, row++) {
                    String where = "row " + row;
                    assertEquals(row % 4 == 1 ? null : row * 3 - 7, i32.getObject(i), where);
                    assertEquals(row % 5 == 2 ? null : row * 10_000_000_000L, i64.getObject(i), where);
                    assertEquals(row % 3 == 0 ? null : row / 4.0, f64.getObject(i), where);
                    assertEquals(row % 6 == 5 ? null : row % 2 == 0, flag.getObject(i), where);
                    assertEquals(row % 4 == 3 ? null : "row-" + row + "-é", string(text, i), where);
                }
                assertAllInMapping(table, batch);
            }
            assertEquals(12, row);
        }
    }

    @Test
    void duckDbExportIsReadZeroCopy() throws Exception {
        try (SharedArrowTable table = ArrowFiles.open(fixture("duckdb-fixture.arrow"))) {
            assertEquals(1000, table.rowCount());
            long row = 0;
            for (VectorSchemaRoot batch : table.batches()) {
                BigIntVector i = (BigIntVector) batch.getVector("i");
                Float8Vector x = (Float8Vector) batch.getVector("x");
                VarCharVector s = (VarCharVector) batch.getVector("s");
                BitVector b = (BitVector) batch.getVector("b");
                for (int index = 0; index < batch.getRowCount(); index++, row++) {
                    String where = "row " + row;
                    assertEquals(row, i.get(index), where);
                    assertEquals(row * 0.5, x.get(index), where);
                    assertEquals(row % 3 == 0 ? null : "v" + row, string(s, index), where);
                    assertEquals(row % 2 == 0, b.getObject(index), where);
                }
                assertAllInMapping(table, batch);
            }
            assertEquals(1000, row);
        }
    }

    @Test
    void pyarrowZstdFileIsRefusedAsCompressed() throws Exception {
        Path file = fixture("pyarrow-zstd-fixture.arrow");
        StorageException error = assertThrows(StorageException.class, () -> ArrowFiles.open(file).close());
        assertTrue(error.getMessage().contains("Arrow file " + file + " is compressed (record batch 0 uses ZSTD)"),
                error.getMessage());
        assertTrue(error.getMessage().contains("IpcWriteOptions(compression=None)"), error.getMessage());
    }

    /**
     * Data and offsets always lie in the mapping. A writer may omit the validity bitmap of a
     * column without nulls; Arrow Java then makes an all-valid one, which copies nothing.
     */
    private static void assertAllInMapping(SharedArrowTable table, VectorSchemaRoot batch) {
        for (FieldVector vector : batch.getFieldVectors()) {
            for (ArrowBuf buffer : vector.getFieldBuffers()) {
                boolean madeValidity = buffer == vector.getValidityBuffer() && vector.getNullCount() == 0;
                assertTrue(buffer.capacity() == 0 || madeValidity || table.isInMapping(buffer),
                        vector.getName() + " has a buffer outside the mapping: it was copied");
            }
            assertTrue(table.isInMapping(vector.getDataBuffer()), vector.getName() + " data was copied");
            if (vector.getNullCount() > 0) {
                assertTrue(table.isInMapping(vector.getValidityBuffer()), vector.getName() + " validity was copied");
            }
        }
    }

    private static String string(VarCharVector vector, int index) {
        return vector.isNull(index) ? null : new String(vector.get(index), StandardCharsets.UTF_8);
    }

    private static Path fixture(String name) throws Exception {
        return Path.of(ForeignArrowFileTest.class.getResource("/arrow/" + name).toURI());
    }
}

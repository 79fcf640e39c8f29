package dev.shard.planner.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import dev.shard.storage.arrow.ArrowFiles;
import dev.shard.storage.arrow.SharedArrowTable;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bulk reader gives exactly what reading value by value through the vector gives, nulls included. */
class ArrowColumnReaderTest {
    private static final int ROWS = 10_000;
    /** Offsets on and off byte and word boundaries of the validity bitmap, and sizes that end mid-word. */
    private static final int[][] RANGES = {{0, 4096}, {3, 4096}, {61, 100}, {4093, 4096}, {8, 1}, {9990, 10}, {0, ROWS}};

    @Test
    void bulkReadsMatchValueByValueReads() {
        try (BufferAllocator allocator = new RootAllocator(); VectorSchemaRoot root = table(allocator)) {
            for (FieldVector vector : root.getFieldVectors()) {
                for (int[] range : RANGES) {
                    assertSameRows(vector, range[0], range[1], ArrowColumnReader.of(vector, ArrowColumnReader::wrap));
                }
            }
        }
    }

    @Test
    void aScanOfAMappedFileReadsEveryRowAsWritten(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("columns.arrow");
        try (BufferAllocator allocator = new RootAllocator(); VectorSchemaRoot root = table(allocator);
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                ArrowFileWriter writer = new ArrowFileWriter(root, null, channel)) {
            writer.start();
            writer.writeBatch();
            writer.end();
        }
        Schema schema = new Schema(List.of(Field.of("i64", DataType.INT), Field.of("i32", DataType.INT),
                Field.of("f64", DataType.DOUBLE), Field.of("dense", DataType.DOUBLE), Field.of("s", DataType.STRING)));
        try (SharedArrowTable table = ArrowFiles.open(file)) {
            VectorSchemaRoot mapped = table.batch(0);
            assertTrue(table.isInMapping(mapped.getVector("f64").getDataBuffer()), "the file is read zero-copy");
            ArrowTableSource source = new ArrowTableSource(table, schema);
            ColumnBatch batch = new ColumnBatch(schema.size());
            for (int[] range : RANGES) {
                source.fill(batch, range[0], Math.min(range[1], ColumnBatch.CAPACITY));
                for (int c = 0; c < schema.size(); c++) {
                    BatchColumn expected = new BatchColumn(schema.fields().get(c).type(), ColumnBatch.CAPACITY);
                    ArrowColumns.readPerValue(mapped.getVector(schema.fields().get(c).name()), range[0], batch.size(),
                            expected);
                    assertSame(expected, batch.column(c), batch.size(), schema.fields().get(c).name());
                }
            }
        }
    }

    private static void assertSameRows(FieldVector vector, int offset, int size, ArrowColumnReader reader) {
        DataType type = ArrowColumns.typeOf(vector.getField());
        BatchColumn expected = new BatchColumn(type, size);
        BatchColumn actual = new BatchColumn(type, size);
        ArrowColumns.readPerValue(vector, offset, size, expected);
        reader.read(offset, size, actual);
        assertSame(expected, actual, size, vector.getName() + " at " + offset + "+" + size);
    }

    private static void assertSame(BatchColumn expected, BatchColumn actual, int size, String where) {
        assertEquals(expected.hasNulls, actual.hasNulls, where + ": has nulls");
        for (int i = 0; i < size; i++) {
            assertEquals(expected.get(i), actual.get(i), where + ": row " + i);
        }
        if (expected.hasNulls) {
            assertArrayEquals(java.util.Arrays.copyOf(expected.nulls, size), java.util.Arrays.copyOf(actual.nulls,
                    size), where + ": null flags");
        }
    }

    /** Every fixed-width type the reader copies in bulk, nulls every 7th or 13th row, one column with none. */
    private static VectorSchemaRoot table(BufferAllocator allocator) {
        BigIntVector i64 = new BigIntVector("i64", allocator);
        IntVector i32 = new IntVector("i32", allocator);
        SmallIntVector i16 = new SmallIntVector("i16", allocator);
        TinyIntVector i8 = new TinyIntVector("i8", allocator);
        Float8Vector f64 = new Float8Vector("f64", allocator);
        Float4Vector f32 = new Float4Vector("f32", allocator);
        Float8Vector dense = new Float8Vector("dense", allocator);
        VarCharVector s = new VarCharVector("s", allocator);
        List<FieldVector> vectors = List.of(i64, i32, i16, i8, f64, f32, dense, s);
        vectors.forEach(v -> {
            v.setInitialCapacity(ROWS);
            v.allocateNew();
        });
        for (int i = 0; i < ROWS; i++) {
            long value = i * 0x9E3779B97F4A7C15L;
            if (i % 7 == 3) {
                i64.setNull(i);
                f64.setNull(i);
            } else {
                i64.set(i, value);
                f64.set(i, Double.longBitsToDouble(value >>> 2));
            }
            if (i % 13 == 0) {
                i32.setNull(i);
                i16.setNull(i);
                i8.setNull(i);
                f32.setNull(i);
                s.setNull(i);
            } else {
                i32.set(i, (int) value);
                i16.set(i, (short) value);
                i8.set(i, (byte) value);
                f32.set(i, (float) (value % 1000) / 7f);
                s.setSafe(i, ("v" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            dense.set(i, i * 0.5);
        }
        vectors.forEach(v -> v.setValueCount(ROWS));
        return new VectorSchemaRoot(vectors);
    }
}

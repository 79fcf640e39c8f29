package dev.shard.planner.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.PlanException;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.logical.WriteTarget;
import dev.shard.planner.type.DataType;
import dev.shard.planner.type.Field;
import dev.shard.planner.type.Schema;
import dev.shard.storage.buffer.BufferSpec;
import dev.shard.storage.buffer.OutputBuffer;
import dev.shard.storage.layout.ElementType;
import dev.shard.storage.segment.SegmentStore;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A result into a shared output buffer: values land column-major, and a refused write writes nothing. */
class BufferTableWriterTest {
    @AfterEach
    void nothingLeftShared() {
        assertEquals(List.of(), SegmentStore.shared().owned(), "segments left open");
    }

    private static BatchColumn ints(long... values) {
        BatchColumn column = new BatchColumn(DataType.INT, values.length);
        System.arraycopy(values, 0, column.longs, 0, values.length);
        return column;
    }

    private static BatchColumn doubles(double... values) {
        BatchColumn column = new BatchColumn(DataType.DOUBLE, values.length);
        System.arraycopy(values, 0, column.doubles, 0, values.length);
        return column;
    }

    private static ColumnTable table(int rows, List<String> names, BatchColumn... columns) {
        List<Field> fields = new java.util.ArrayList<>();
        for (int c = 0; c < columns.length; c++) {
            fields.add(new Field(names.get(c), columns[c].type(), true));
        }
        return new ColumnTable(new Schema(fields), rows, List.of(columns));
    }

    private static WriteTarget.OutputBuffer target(OutputBuffer buffer) {
        return new WriteTarget.OutputBuffer("r", buffer.path().toString());
    }

    @Test
    void severalColumnsFillAMatrixColumnMajorAndOneColumnAVector() {
        try (OutputBuffer matrix = OutputBuffer.create(BufferSpec.matrix(ElementType.DOUBLE, 3, 2));
                OutputBuffer vector = OutputBuffer.create(BufferSpec.vector(ElementType.LONG, 3))) {
            TableWriters.write(table(3, List.of("k", "v"), ints(1, 2, 3), doubles(0.5, -1, 1e300)), target(matrix));
            double[] cells = new double[6];
            for (int i = 0; i < 6; i++) {
                cells[i] = matrix.getDouble(i);
            }
            assertArrayEquals(new double[] {1, 2, 3, 0.5, -1, 1e300}, cells);
            TableWriters.write(table(3, List.of("k"), ints(7, -8, Long.MAX_VALUE)), target(vector));
            assertEquals(List.of(7L, -8L, Long.MAX_VALUE),
                    List.of(vector.getLong(0), vector.getLong(1), vector.getLong(2)));
        }
    }

    @Test
    void aWrongShapeALossyTypeOrANullIsRefusedBeforeAnyValueIsWritten() {
        try (OutputBuffer matrix = OutputBuffer.create(BufferSpec.matrix(ElementType.DOUBLE, 3, 2));
                OutputBuffer ints = OutputBuffer.create(BufferSpec.vector(ElementType.INT, 3))) {
            PlanException shape = assertThrows(PlanException.class, () -> TableWriters.write(
                    table(4, List.of("k", "v"), ints(1, 2, 3, 4), doubles(1, 2, 3, 4)), target(matrix)));
            assertTrue(shape.getMessage().contains("the result has 4 rows × 2 columns but output buffer r is [3, 2]"),
                    shape.getMessage());

            BatchColumn withNull = doubles(1, 2, 3);
            withNull.hasNulls = true;
            withNull.nulls[2] = true;
            PlanException nulls = assertThrows(PlanException.class, () -> TableWriters.write(
                    table(3, List.of("k", "v"), ints(1, 2, 3), withNull), target(matrix)));
            assertTrue(nulls.getMessage().contains("column 'v' into output buffer r (double): row 2 is null"),
                    nulls.getMessage());

            PlanException lossy = assertThrows(PlanException.class, () -> TableWriters.write(
                    table(3, List.of("v"), doubles(1.5, 2, 3)), target(ints)));
            assertTrue(lossy.getMessage().contains("a DOUBLE column cannot be stored without loss"), lossy.getMessage());
            PlanException wide = assertThrows(PlanException.class, () -> TableWriters.write(
                    table(3, List.of("k"), ints(1, 1L << 40, 3)), target(ints)));
            assertTrue(wide.getMessage().contains("does not fit 32 bits (row 1: 1099511627776)"), wide.getMessage());

            for (int i = 0; i < 6; i++) {
                assertEquals(0.0, matrix.getDouble(i), "cell " + i + " written by a refused write");
            }
            assertEquals(List.of(0, 0, 0), List.of(ints.getInt(0), ints.getInt(1), ints.getInt(2)));
        }
    }
}

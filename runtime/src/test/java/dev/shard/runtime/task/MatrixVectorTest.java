package dev.shard.runtime.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.storage.copy.CopyLedger;
import dev.shard.storage.segment.SegmentStore;
import dev.shard.storage.share.Shared;
import dev.shard.storage.share.SharedInput;
import dev.shard.storage.share.SharedMatrix;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rows and columns of a shared matrix read in place; a column through one read-only slice. */
class MatrixVectorTest {
    private static final int ROWS = 7;
    private static final int COLUMNS = 3;

    @AfterEach
    void noSegmentsLeft() {
        assertEquals(List.of(), SegmentStore.shared().owned(), "segments left open");
    }

    /** Cell (r, c) = 10·r + c + 0.5, column-major. */
    private static double[] cells() {
        double[] columnMajor = new double[ROWS * COLUMNS];
        for (int column = 0; column < COLUMNS; column++) {
            for (int row = 0; row < ROWS; row++) {
                columnMajor[column * ROWS + row] = 10 * row + column + 0.5;
            }
        }
        return columnMajor;
    }

    @Test
    void columnsAndRowsReadTheRightCells() {
        try (SharedInput input = Shared.shareMatrix(cells(), ROWS, COLUMNS);
                SharedMatrix matrix = input.openMatrix()) {
            for (int column = 0; column < COLUMNS; column++) {
                MatrixVector vector = new MatrixVector(matrix, Margin.COLUMNS, column);
                double expectedSum = 0;
                for (int row = 0; row < ROWS; row++) {
                    assertEquals(10 * row + column + 0.5, vector.get(row), "cell " + row + ", " + column);
                    assertEquals(vector.get(row), vector.column().getAtIndex(ValueLayout.JAVA_DOUBLE, row));
                    expectedSum += 10 * row + column + 0.5;
                }
                assertEquals(expectedSum, vector.sum(), 1e-9);
                assertEquals(ROWS * 8, vector.column().byteSize());
                assertTrue(vector.column().isReadOnly(), "the column slice is read-only");
            }
            MatrixVector row = new MatrixVector(matrix, Margin.ROWS, 2);
            assertEquals(20.5 + 21.5 + 22.5, row.sum());
            assertArrayEquals(new double[] {20.5, 21.5, 22.5}, row.toArray());
        }
    }

    @Test
    void toArrayCopiesAColumnAndCountsIt() {
        try (SharedInput input = Shared.shareMatrix(cells(), ROWS, COLUMNS);
                SharedMatrix matrix = input.openMatrix()) {
            CopyLedger.Snapshot before = CopyLedger.snapshot();
            double[] copy = new MatrixVector(matrix, Margin.COLUMNS, 1).toArray();
            assertArrayEquals(new double[] {1.5, 11.5, 21.5, 31.5, 41.5, 51.5, 61.5}, copy);
            CopyLedger.Snapshot copied = CopyLedger.snapshot().minus(before);
            assertEquals(1, copied.events());
            assertEquals(ROWS * 8L, copied.bytes());
        }
    }

    @Test
    void misuseGetsClearErrors() {
        try (SharedInput input = Shared.shareMatrix(cells(), ROWS, COLUMNS);
                SharedMatrix matrix = input.openMatrix()) {
            MatrixVector column = new MatrixVector(matrix, Margin.COLUMNS, 0);
            IndexOutOfBoundsException outside = assertThrows(IndexOutOfBoundsException.class, () -> column.get(ROWS));
            assertEquals("element 7 is out of bounds for column 0 of 7 rows (0..6)", outside.getMessage());
            UnsupportedOperationException row = assertThrows(UnsupportedOperationException.class,
                    () -> new MatrixVector(matrix, Margin.ROWS, 1).column());
            assertEquals("row 1 of a column-major matrix is not contiguous: read it with get(k), or apply over"
                    + " Margin.COLUMNS", row.getMessage());
            RuntimeException noSuchColumn = assertThrows(RuntimeException.class,
                    () -> new MatrixVector(matrix, Margin.COLUMNS, COLUMNS));
            assertTrue(noSuchColumn.getMessage().contains("column 3 is out of bounds"), noSuchColumn.getMessage());
        }
    }

    /** Prints (does not assert) the column sum through the slice against per-cell reads. */
    @Test
    void columnSumThroughTheSliceAgainstPerCellReads() {
        int rows = 4_000_000;
        double[] values = new double[rows];
        java.util.Arrays.setAll(values, i -> i % 100);
        try (SharedInput input = Shared.shareMatrix(values, rows, 1);
                SharedMatrix matrix = input.openMatrix()) {
            MatrixVector vector = new MatrixVector(matrix, Margin.COLUMNS, 0);
            double perCell = 0;
            double slice = 0;
            long perCellNanos = Long.MAX_VALUE;
            long sliceNanos = Long.MAX_VALUE;
            for (int round = 0; round < 5; round++) {
                long started = System.nanoTime();
                perCell = 0;
                for (long k = 0; k < rows; k++) {
                    perCell += matrix.get(k, 0);
                }
                perCellNanos = Math.min(perCellNanos, System.nanoTime() - started);
                started = System.nanoTime();
                slice = vector.sum();
                sliceNanos = Math.min(sliceNanos, System.nanoTime() - started);
            }
            assertEquals(perCell, slice);
            System.out.printf("column sum of %d doubles: per-cell get %.2f ms, slice %.2f ms%n", rows,
                    perCellNanos / 1e6, sliceNanos / 1e6);
        }
    }
}

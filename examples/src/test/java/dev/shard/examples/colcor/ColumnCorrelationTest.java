package dev.shard.examples.colcor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.dsl.vector.ColumnCorrelation;
import dev.shard.examples.workload.ColumnCorrelationWorkload;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ColumnCorrelationTest {
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE;

    @Test
    void everyColumnMatchesTheTextbookCorrelation() {
        // 1,003 rows: not a multiple of the four accumulator lanes, so the tail loop runs.
        int rows = 1_003;
        int columns = 11;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment x = arena.allocate((long) rows * columns * Double.BYTES);
            MemorySegment y = arena.allocate((long) rows * Double.BYTES);
            MemorySegment r = arena.allocate((long) columns * Double.BYTES);
            ColumnCorrelationWorkload.fillColumns(x, rows, 0, columns);
            ColumnCorrelationWorkload.fillY(y, rows);
            new ColumnCorrelation(y, rows).correlate(x, 0, columns, r);
            double[] yValues = y.toArray(DOUBLE);
            for (int j = 0; j < columns; j++) {
                double[] column = x.asSlice((long) j * rows * Double.BYTES, (long) rows * Double.BYTES).toArray(DOUBLE);
                assertEquals(ColumnCorrelationWorkload.pearson(column, yValues), r.getAtIndex(DOUBLE, j), 1e-13);
            }
        }
    }

    @Test
    void columnsMadeFromTheFilledYHaveTheBitsOfThoseMadeFromTheGenerator() {
        int rows = 257;
        int columns = 7;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment reference = arena.allocate((long) rows * columns * Double.BYTES);
            MemorySegment fromY = arena.allocate((long) rows * columns * Double.BYTES);
            MemorySegment y = arena.allocate((long) rows * Double.BYTES);
            ColumnCorrelationWorkload.fillColumns(reference, rows, 0, columns);
            ColumnCorrelationWorkload.fillY(y, rows);
            ColumnCorrelationWorkload.fillColumns(fromY, y, rows, 0, 3);
            ColumnCorrelationWorkload.fillColumns(fromY, y, rows, 3, columns);
            assertEquals(-1, reference.mismatch(fromY), "first differing byte");
        }
    }

    @Test
    void aColumnRangeWritesOnlyItsOwnOutputs() {
        int rows = 64;
        int columns = 6;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment x = arena.allocate((long) rows * columns * Double.BYTES);
            MemorySegment y = arena.allocate((long) rows * Double.BYTES);
            MemorySegment r = arena.allocate((long) columns * Double.BYTES);
            ColumnCorrelationWorkload.fillColumns(x, rows, 0, columns);
            ColumnCorrelationWorkload.fillY(y, rows);
            r.fill((byte) 0x7f);
            double untouched = r.getAtIndex(DOUBLE, 0);
            new ColumnCorrelation(y, rows).correlate(x, 2, 4, r);
            assertEquals(untouched, r.getAtIndex(DOUBLE, 1));
            assertEquals(untouched, r.getAtIndex(DOUBLE, 4));
            assertTrue(Math.abs(r.getAtIndex(DOUBLE, 2)) <= 1 && Math.abs(r.getAtIndex(DOUBLE, 3)) <= 1);
        }
    }

    @Test
    void staysAccurateFarFromZeroWhereOnePassFormulasCancel() {
        // y = i, x = 1e9 + i + small noise: exact r is close to 1; a one-pass formula
        // in doubles loses every significant digit at this offset.
        int rows = 1_000;
        double[] y = new double[rows];
        double[] x = new double[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = i;
            x[i] = 1e9 + i + (i % 2 == 0 ? 0.25 : -0.25);
        }
        double r = new ColumnCorrelation(MemorySegment.ofArray(y), rows).correlation(MemorySegment.ofArray(x));
        assertEquals(ColumnCorrelationWorkload.pearson(x, y), r, 1e-12);
        assertTrue(r > 0.9999 && r < 1, "r = " + r);
    }

    @Test
    void aConstantColumnHasNoCorrelation() {
        double[] y = {1, 2, 3, 4, 5};
        double[] x = new double[5];
        Arrays.fill(x, 3);
        assertTrue(Double.isNaN(new ColumnCorrelation(MemorySegment.ofArray(y), 5).correlation(MemorySegment.ofArray(x))));
    }

    @Test
    void badShapesAreRejectedWithTheirSizes() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> new ColumnCorrelation(MemorySegment.ofArray(new double[1]), 1));
        assertEquals("a correlation needs at least 2 rows, got 1", error.getMessage());
        error = assertThrows(IllegalArgumentException.class,
                () -> new ColumnCorrelation(MemorySegment.ofArray(new double[3]), 10));
        assertEquals("y holds 3 doubles but 10 rows were asked for", error.getMessage());
    }

    @Test
    void oneAndTwoThreadBaselinesGiveTheSameBitsAsTheKernel() throws Exception {
        int rows = 2_000;
        int columns = 64;
        // Shared arena: the two-thread baseline reads the same memory from other threads.
        try (Arena arena = Arena.ofShared(); var single = new InProcessColumnCorrelation(1);
                var pair = new InProcessColumnCorrelation(2)) {
            MemorySegment x = arena.allocate((long) rows * columns * Double.BYTES);
            MemorySegment y = arena.allocate((long) rows * Double.BYTES);
            MemorySegment one = arena.allocate((long) columns * Double.BYTES);
            MemorySegment two = arena.allocate((long) columns * Double.BYTES);
            ColumnCorrelationWorkload.fillColumns(x, rows, 0, columns);
            ColumnCorrelationWorkload.fillY(y, rows);
            single.correlate(x, y, rows, columns, one);
            pair.correlate(x, y, rows, columns, two);
            assertEquals(Arrays.toString(one.toArray(DOUBLE)), Arrays.toString(two.toArray(DOUBLE)));
            double sum = Arrays.stream(one.toArray(DOUBLE)).sum();
            assertEquals(ColumnCorrelationWorkload.referenceChecksum(rows, columns), sum, Math.abs(sum) * 1e-12);
        }
    }
}

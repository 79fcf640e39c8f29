package dev.shard.planner.exec.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/**
 * {@link MappedValues#touchPages} reads each page a batch's values lie on exactly once: the
 * segment holds a 1 at the start of every page (and at the batch's first byte) and 0 elsewhere,
 * so the sum of the bytes read is the number of pages the batch spans, whatever its width, first
 * row and length, and whether it starts on a page boundary or not.
 */
class MappedValuesTest {
    private static final int PAGES = 12;

    @Test
    void touchesEveryPageOfTheBatchOnce() {
        int[] firstRows = {0, 1, 3, 511, 512, 1000, 1023, 1024};
        int[] rowCounts = {1, 2, 511, 512, 513, 1024, 2048, 4096 - 1, 4096};
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate((long) PAGES * MappedValues.PAGE, MappedValues.PAGE);
            for (MappedValues.Width width : MappedValues.Width.values()) {
                for (int firstRow : firstRows) {
                    for (int rows : rowCounts) {
                        long start = (long) firstRow * width.bytes();
                        long end = start + (long) rows * width.bytes();
                        if (end > data.byteSize()) {
                            continue;
                        }
                        markPageStarts(data, start);
                        MappedValues values = new MappedValues(width, new MaterializedBytes());
                        values.point(data, firstRow, rows);
                        long spanned = (end - 1) / MappedValues.PAGE - start / MappedValues.PAGE + 1;
                        assertEquals(spanned, values.touchPages(),
                                width + ", rows " + firstRow + ".." + (firstRow + rows));
                    }
                }
            }
        }
    }

    @Test
    void anEmptyBatchTouchesNothing() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(MappedValues.PAGE, MappedValues.PAGE);
            data.fill((byte) 1);
            MappedValues values = new MappedValues(MappedValues.Width.FLOAT64, new MaterializedBytes());
            values.point(data, 3, 0);
            assertEquals(0, values.touchPages());
        }
    }

    private static void markPageStarts(MemorySegment data, long batchStart) {
        data.fill((byte) 0);
        for (long page = 0; page < data.byteSize(); page += MappedValues.PAGE) {
            data.set(ValueLayout.JAVA_BYTE, page, (byte) 1);
        }
        data.set(ValueLayout.JAVA_BYTE, batchStart, (byte) 1);
    }
}

package dev.shard.examples.tiny;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class TinyTaskTest {
    @Test
    void writesTwiceItsIndexAtItsIndexAndNowhereElse() {
        long[] values = new long[5];
        MemorySegment buffer = MemorySegment.ofArray(values);
        assertEquals(6, TinyTask.run(3, 0, 0, buffer));
        assertEquals(6, buffer.getAtIndex(ValueLayout.JAVA_LONG, 3));
        assertEquals(0, values[2] + values[4]);
    }

    @Test
    void spinsAtLeastTheAskedTimeAndLeaksTheAskedHeap() {
        long before = TinyTask.retainedBytes();
        long start = System.nanoTime();
        TinyTask.run(0, 2_000, 16, MemorySegment.ofArray(new long[1]));
        assertTrue(System.nanoTime() - start >= 2_000_000, "spun less than 2 ms");
        assertEquals(16 * 1024, TinyTask.retainedBytes() - before);
    }
}

package dev.shard.planner.exec;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Arrow validity bitmaps (bit i of byte i / 8, least significant first; 1 = valid) read from memory. */
final class ValidityBits {
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private ValidityBits() {
    }

    static boolean isSet(MemorySegment bits, long index) {
        return (bits.get(ValueLayout.JAVA_BYTE, index >>> 3) >> (index & 7) & 1) != 0;
    }

    /** The valid rows among {@code [offset, offset + size)}: 64 bits at a time once byte-aligned. */
    static int countSet(MemorySegment bits, long offset, int size) {
        long bit = offset;
        long end = offset + size;
        int count = 0;
        while (bit < end && (bit & 7) != 0) {
            count += isSet(bits, bit) ? 1 : 0;
            bit++;
        }
        while (bit + 64 <= end) {
            count += Long.bitCount(bits.get(LONG, bit >>> 3));
            bit += 64;
        }
        while (bit < end) {
            count += isSet(bits, bit) ? 1 : 0;
            bit++;
        }
        return count;
    }
}

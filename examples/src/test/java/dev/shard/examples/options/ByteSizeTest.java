package dev.shard.examples.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ByteSizeTest {
    @Test
    void binaryDecimalAndBareSizesParse() {
        assertEquals(512L << 20, ByteSize.parse("512MiB"));
        assertEquals(512L << 20, ByteSize.parse("512mib"));
        assertEquals(512L << 20, ByteSize.parse("512M"));
        assertEquals(2L << 30, ByteSize.parse("2GiB"));
        assertEquals(3L << 29, ByteSize.parse("1.5GiB"));
        assertEquals(64L << 10, ByteSize.parse("64k"));
        assertEquals(1L << 40, ByteSize.parse("1TiB"));
        assertEquals(1_000_000L, ByteSize.parse("1MB"));
        assertEquals(1_048_576L, ByteSize.parse("1048576"));
        assertEquals(100L, ByteSize.parse(" 100 B "));
    }

    @Test
    void badSizesSayWhatIsWrongAndWhatToWrite() {
        var error = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("12XB"));
        assertEquals("unknown unit 'XB' in size '12XB': use a whole number of bytes or a number with a unit,"
                + " such as 512MiB, 2GiB or 1.5GiB (units: B, KiB, MiB, GiB, TiB, KB, MB, GB, TB)", error.getMessage());
        error = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("-5MiB"));
        assertEquals("invalid size '-5MiB': use a whole number of bytes or a number with a unit,"
                + " such as 512MiB, 2GiB or 1.5GiB (units: B, KiB, MiB, GiB, TiB, KB, MB, GB, TB)", error.getMessage());
        error = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("99999999TiB"));
        assertEquals("size '99999999TiB' is too large: at most 9223372036854775807 bytes", error.getMessage());
    }

    @Test
    void formatUsesTheLargestBinaryUnit() {
        assertEquals("512 MiB", ByteSize.format(512L << 20));
        assertEquals("1.5 GiB", ByteSize.format(3L << 29));
        assertEquals("999 B", ByteSize.format(999));
        assertEquals("152.6 MiB", ByteSize.format(160_000_000L));
    }
}

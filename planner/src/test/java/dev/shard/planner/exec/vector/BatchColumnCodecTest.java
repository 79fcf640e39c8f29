package dev.shard.planner.exec.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.planner.type.DataType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** Columns survive Java serialization exactly, in their compact form. */
class BatchColumnCodecTest {
    @Test
    void everyTypeRoundTripsWithAndWithoutNulls() throws Exception {
        for (DataType type : DataType.values()) {
            for (boolean withNulls : new boolean[] {false, true}) {
                BatchColumn column = new BatchColumn(type, 5);
                for (int row = 0; row < 5; row++) {
                    column.set(row, switch (type) {
                        case INT -> row == 3 ? Long.MIN_VALUE : (long) row * 1_000_003;
                        case DOUBLE -> row == 2 ? Double.longBitsToDouble(0x7ff8_0000_0000_0042L) : -row / 3.0;
                        case BOOL -> row % 2 == 0;
                        case STRING -> "r" + row;
                    });
                }
                if (withNulls) {
                    column.setNull(1);
                }
                BatchColumn copy = roundTrip(column);
                String what = type + (withNulls ? " with nulls" : "");
                assertEquals(type, copy.type(), what);
                assertEquals(withNulls, copy.hasNulls, what);
                assertArrayEquals(column.nulls, copy.nulls, what);
                switch (type) {
                    case INT -> assertArrayEquals(column.longs, copy.longs, what);
                    case DOUBLE -> {
                        for (int row = 0; row < 5; row++) {
                            assertEquals(Double.doubleToRawLongBits(column.doubles[row]),
                                    Double.doubleToRawLongBits(copy.doubles[row]), what + " row " + row);
                        }
                    }
                    case BOOL -> assertArrayEquals(column.booleans, copy.booleans, what);
                    case STRING -> assertArrayEquals(column.strings, copy.strings, what);
                }
            }
        }
    }

    @Test
    void smallIntegersTakeFourBytesAndAnEmptyColumnStaysEmpty() throws Exception {
        BatchColumn keys = new BatchColumn(DataType.INT, 1000);
        for (int row = 0; row < 1000; row++) {
            keys.longs[row] = -row;
        }
        // 4,000 bytes of values plus the class descriptors of BatchColumn and DataType.
        assertTrue(serialize(keys).length < 1000 * Integer.BYTES + 400, "bytes: " + serialize(keys).length);
        assertArrayEquals(keys.longs, roundTrip(keys).longs);
        BatchColumn empty = roundTrip(new BatchColumn(DataType.DOUBLE, 0));
        assertEquals(0, empty.capacity());
        assertEquals(0, empty.doubles.length);
    }

    private static BatchColumn roundTrip(BatchColumn column) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialize(column)))) {
            return (BatchColumn) in.readObject();
        }
    }

    private static byte[] serialize(BatchColumn column) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(column);
        }
        return bytes.toByteArray();
    }
}

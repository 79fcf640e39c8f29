package dev.shard.storage.arrow;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Child JVM of {@link SharedArrowTableTest}: opens a shared table by its encoded handle and
 * prints, per column, the null count and a checksum of the values, plus whether every
 * buffer lies in the mapping.
 */
public final class ArrowTableChild {
    private ArrowTableChild() {
    }

    public static void main(String[] args) {
        try (SharedArrowTable table = SharedTableHandle.decode(args[0]).open()) {
            System.out.println("rows " + table.rowCount());
            for (String column : new String[] {"id", "big", "score", "flag", "name"}) {
                long nulls = 0;
                long checksum = 0;
                boolean inMapping = true;
                for (VectorSchemaRoot batch : table.batches()) {
                    FieldVector vector = batch.getVector(column);
                    nulls += vector.getNullCount();
                    checksum += ArrowTableChild.checksum(vector);
                    inMapping &= table.isInMapping(vector.getDataBuffer());
                }
                System.out.println("column " + column + " nulls=" + nulls + " checksum=" + checksum
                        + " inMapping=" + inMapping);
            }
        }
        System.exit(0);
    }

    /** Order-sensitive sum of the values; nulls count as their position only. */
    static long checksum(FieldVector vector) {
        long sum = 0;
        for (int row = 0; row < vector.getValueCount(); row++) {
            long value = vector.isNull(row) ? -1 : switch (vector) {
                case IntVector v -> v.get(row);
                case BigIntVector v -> v.get(row);
                case Float8Vector v -> Double.doubleToLongBits(v.get(row));
                case BitVector v -> v.get(row);
                case VarCharVector v -> new String(v.get(row), StandardCharsets.UTF_8).hashCode();
                default -> throw new IllegalArgumentException("unexpected column type " + vector.getField());
            };
            sum = sum * 31 + value;
        }
        return sum;
    }
}

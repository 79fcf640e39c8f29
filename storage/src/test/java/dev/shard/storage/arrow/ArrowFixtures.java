package dev.shard.storage.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;

/**
 * A sample table with every column type we promise (int32, int64, float64, bool, utf8),
 * each with nulls, whose values are a function of the row number so readers can check them.
 */
public final class ArrowFixtures {
    private ArrowFixtures() {
    }

    /** Rows {@code first .. first + rows - 1} of the sample table. */
    public static VectorSchemaRoot sampleTable(BufferAllocator allocator, int first, int rows) {
        IntVector id = new IntVector("id", allocator);
        BigIntVector big = new BigIntVector("big", allocator);
        Float8Vector score = new Float8Vector("score", allocator);
        BitVector flag = new BitVector("flag", allocator);
        VarCharVector name = new VarCharVector("name", allocator);
        List<FieldVector> vectors = List.of(id, big, score, flag, name);
        vectors.forEach(vector -> vector.setInitialCapacity(rows));
        vectors.forEach(FieldVector::allocateNew);
        for (int row = 0; row < rows; row++) {
            int i = first + row;
            if (i % 7 == 3) {
                id.setNull(row);
            } else {
                id.setSafe(row, i);
            }
            if (i % 5 == 1) {
                big.setNull(row);
            } else {
                big.setSafe(row, i * 10_000_000_000L);
            }
            if (i % 6 == 2) {
                score.setNull(row);
            } else {
                score.setSafe(row, i * 0.5);
            }
            if (i % 4 == 3) {
                flag.setNull(row);
            } else {
                flag.setSafe(row, i % 2 == 0 ? 1 : 0);
            }
            if (i % 3 == 1) {
                name.setNull(row);
            } else {
                name.setSafe(row, name(i).getBytes(StandardCharsets.UTF_8));
            }
        }
        VectorSchemaRoot root = new VectorSchemaRoot(vectors);
        root.setRowCount(rows);
        return root;
    }

    static String name(int i) {
        return i % 10 == 0 ? "" : "row-" + i + (i % 9 == 0 ? "-ünïcødé" : "");
    }

    /** Checks that {@code root} holds rows {@code first ..} of the sample table. */
    public static void assertSampleValues(VectorSchemaRoot root, int first) {
        IntVector id = (IntVector) root.getVector("id");
        BigIntVector big = (BigIntVector) root.getVector("big");
        Float8Vector score = (Float8Vector) root.getVector("score");
        BitVector flag = (BitVector) root.getVector("flag");
        VarCharVector name = (VarCharVector) root.getVector("name");
        for (int row = 0; row < root.getRowCount(); row++) {
            int i = first + row;
            assertEquals(i % 7 == 3 ? null : i, id.getObject(row), "id at " + i);
            assertEquals(i % 5 == 1 ? null : i * 10_000_000_000L, big.getObject(row), "big at " + i);
            assertEquals(i % 6 == 2 ? null : i * 0.5, score.getObject(row), "score at " + i);
            assertEquals(i % 4 == 3 ? null : i % 2 == 0, flag.getObject(row), "flag at " + i);
            if (i % 3 == 1) {
                assertNull(name.getObject(row), "name at " + i);
            } else {
                assertEquals(name(i), new String(name.get(row), StandardCharsets.UTF_8), "name at " + i);
            }
        }
        assertTrue(root.getRowCount() > 0);
    }

    /** Writes two batches of the sample table (rows 0..first-1, first..first+second-1) with Arrow Java's writer. */
    public static void writeFile(Path file, BufferAllocator allocator, int first, int second) throws IOException {
        try (VectorSchemaRoot batchOne = sampleTable(allocator, 0, first);
                VectorSchemaRoot batchTwo = sampleTable(allocator, first, second);
                VectorSchemaRoot staging = VectorSchemaRoot.create(batchOne.getSchema(), allocator);
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                ArrowFileWriter writer = new ArrowFileWriter(staging, null, channel)) {
            writer.start();
            for (VectorSchemaRoot batch : List.of(batchOne, batchTwo)) {
                try (var unloaded = new org.apache.arrow.vector.VectorUnloader(batch).getRecordBatch()) {
                    new org.apache.arrow.vector.VectorLoader(staging).load(unloaded);
                }
                writer.writeBatch();
            }
            writer.end();
        }
    }
}

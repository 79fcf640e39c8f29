package dev.shard.bench;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import java.util.function.LongToIntFunction;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;

/**
 * Writes benchmark inputs as uncompressed Arrow IPC files with Arrow Java: columns of
 * 32-bit ints and doubles, each a function of the row index, in record batches of a whole
 * number of the engine's 65,536-row blocks.
 */
final class ArrowColumnsFile {
    static final int BATCH_ROWS = 1 << 20;

    /** One column: a name and the value of row i (an int or a double). */
    sealed interface Column {
        String name();
    }

    record IntColumn(String name, LongToIntFunction value) implements Column {
    }

    record DoubleColumn(String name, LongToDoubleFunction value) implements Column {
    }

    private ArrowColumnsFile() {
    }

    /** Writes {@code rows} rows to {@code file} (replaced if it exists) and returns the file's size in bytes. */
    static long write(Path file, long rows, List<Column> columns) throws IOException {
        Files.deleteIfExists(file);
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = VectorSchemaRoot.of(vectors(columns, allocator));
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                ArrowFileWriter writer = new ArrowFileWriter(root, null, channel)) {
            writer.start();
            for (long start = 0; start < rows; start += BATCH_ROWS) {
                int count = (int) Math.min(BATCH_ROWS, rows - start);
                for (int c = 0; c < columns.size(); c++) {
                    fill(root.getVector(c), columns.get(c), start, count);
                }
                root.setRowCount(count);
                writer.writeBatch();
            }
            writer.end();
        }
        return Files.size(file);
    }

    private static FieldVector[] vectors(List<Column> columns, BufferAllocator allocator) {
        List<FieldVector> vectors = new ArrayList<>();
        for (Column column : columns) {
            vectors.add(switch (column) {
                case IntColumn c -> new IntVector(c.name(), allocator);
                case DoubleColumn c -> new Float8Vector(c.name(), allocator);
            });
        }
        return vectors.toArray(FieldVector[]::new);
    }

    private static void fill(FieldVector vector, Column column, long start, int count) {
        switch (column) {
            case IntColumn c -> {
                IntVector v = (IntVector) vector;
                v.allocateNew(count);
                for (int i = 0; i < count; i++) {
                    v.set(i, c.value().applyAsInt(start + i));
                }
            }
            case DoubleColumn c -> {
                Float8Vector v = (Float8Vector) vector;
                v.allocateNew(count);
                for (int i = 0; i < count; i++) {
                    v.set(i, c.value().applyAsDouble(start + i));
                }
            }
        }
        vector.setValueCount(count);
    }
}

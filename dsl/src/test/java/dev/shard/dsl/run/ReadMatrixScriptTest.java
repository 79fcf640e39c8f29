package dev.shard.dsl.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.dsl.cli.ShardCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code read_matrix "m.arrow"} on real workers: an Arrow file of double columns, written by
 * Arrow Java in two record batches, becomes a matrix for {@code apply columns} and an element
 * of a list for {@code apply each}; a file with a column of another type is refused at check.
 */
@Timeout(300)
class ReadMatrixScriptTest {
    private static final int ROWS_PER_BATCH = 5;

    @TempDir
    Path directory;

    private final StringWriter err = new StringWriter();

    /** Cell (i, j) = 10 i + j over 10 rows, written as two batches of 5 rows. */
    private Path writeMatrix(String name, boolean withIntColumn) throws IOException {
        Path file = directory.resolve(name);
        try (BufferAllocator allocator = new RootAllocator();
                Float8Vector a = new Float8Vector("a", allocator);
                Float8Vector b = new Float8Vector("b", allocator);
                IntVector c = new IntVector("c", allocator)) {
            List<FieldVector> vectors = withIntColumn ? List.of(a, b, c) : List.of(a, b);
            try (VectorSchemaRoot root = new VectorSchemaRoot(vectors);
                    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    ArrowFileWriter writer = new ArrowFileWriter(root, null, channel)) {
                writer.start();
                for (int batch = 0; batch < 2; batch++) {
                    root.allocateNew();
                    for (int row = 0; row < ROWS_PER_BATCH; row++) {
                        int i = batch * ROWS_PER_BATCH + row;
                        a.set(row, 10.0 * i);
                        b.set(row, 10.0 * i + 1);
                        if (withIntColumn) {
                            c.set(row, i);
                        }
                    }
                    root.setRowCount(ROWS_PER_BATCH);
                    writer.writeBatch();
                }
                writer.end();
            }
        }
        return file;
    }

    private int shard(String... arguments) {
        return ShardCommand.execute(arguments, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    @Test
    void anArrowFileOfDoublesIsAMatrixForColumnsAndForLists() throws IOException {
        Path file = writeMatrix("m.arrow", false);
        Path script = directory.resolve("read.shard");
        Files.writeString(script, """
                let M = read_matrix "%1$s"
                let parts = [M, read_matrix "%1$s", vector(3) { row() }]
                let sums = buffer(double, 3)
                let means = buffer(double, 2)
                apply each of parts into sums: sum(item)
                apply columns of M into means: mean(column)
                write sums "%2$s/sums.csv"
                write means "%2$s/means.csv"
                """.formatted(file, directory), StandardCharsets.UTF_8);
        assertEquals(0, shard("run", script.toString(), "--workers", "2"), err.toString());
        // Σ over i < 10 of (10 i) + (10 i + 1) = 900 + 10; column means 45 and 46.
        assertEquals(List.of("sums", "910.0", "910.0", "3.0"), Files.readAllLines(directory.resolve("sums.csv")));
        assertEquals(List.of("means", "45.0", "46.0"), Files.readAllLines(directory.resolve("means.csv")));
    }

    @Test
    void aColumnThatIsNotDoubleIsRefusedBeforeAnyWorkerStarts() throws IOException {
        Path file = writeMatrix("mixed.arrow", true);
        Path script = directory.resolve("mixed.shard");
        Files.writeString(script, """
                let parts = [read_matrix "%s"]
                let r = buffer(double, 1)
                apply each of parts into r: mean(item)
                write r "%s/r.csv"
                """.formatted(file, directory), StandardCharsets.UTF_8);
        assertEquals(3, shard("check", script.toString()), err.toString());
        assertTrue(err.toString().contains("error[E0506]: `read_matrix` cannot use " + file
                + ": column `c` of mixed.arrow is Int(32, true), but read_matrix needs every column to be double"),
                err.toString());
    }
}

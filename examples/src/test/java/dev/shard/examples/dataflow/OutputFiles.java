package dev.shard.examples.dataflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.types.pojo.Field;

/** Reading back the files a query wrote: Arrow rows as CSV text, and where two files part. */
final class OutputFiles {
    private OutputFiles() {
    }

    /**
     * The rows of an Arrow IPC file as the engine's CSV writer writes them (Long and
     * Double.toString, null as an empty field), read by Arrow's own reader, not the engine's.
     */
    static String arrowAsCsv(Path file) throws IOException {
        try (BufferAllocator allocator = new RootAllocator();
                FileChannel channel = FileChannel.open(file);
                ArrowFileReader reader = new ArrowFileReader(channel, allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            StringBuilder csv = new StringBuilder(String.join(",",
                    root.getSchema().getFields().stream().map(Field::getName).toList())).append('\n');
            while (reader.loadNextBatch()) {
                for (int row = 0; row < root.getRowCount(); row++) {
                    for (int column = 0; column < root.getFieldVectors().size(); column++) {
                        Object value = root.getVector(column).getObject(row);
                        csv.append(column > 0 ? "," : "").append(value == null ? "" : value);
                    }
                    csv.append('\n');
                }
            }
            return csv.toString();
        }
    }

    /** Where two files differ: the first differing line of text files, for a failure message. */
    static String firstDifferingLine(Path expected, Path actual) {
        try {
            List<String> left = Files.readAllLines(expected);
            List<String> right = Files.readAllLines(actual);
            for (int line = 0; line < Math.max(left.size(), right.size()); line++) {
                String a = line < left.size() ? left.get(line) : "<end of file>";
                String b = line < right.size() ? right.get(line) : "<end of file>";
                if (!a.equals(b)) {
                    return "line " + (line + 1) + ": " + a + " vs " + b;
                }
            }
            return "in line endings only";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first differing byte of two files, -1 when they are identical. */
    static long mismatch(Path expected, Path actual) {
        try {
            return Files.mismatch(expected, actual);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

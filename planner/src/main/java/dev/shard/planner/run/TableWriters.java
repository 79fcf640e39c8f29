package dev.shard.planner.run;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.logical.WriteTarget;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;

/**
 * Writes a result to CSV (header; doubles in shortest round-trip form by
 * {@link Double#toString}; strings quoted when needed; null as an empty field) or to an
 * Arrow IPC file. Both go to a temporary name in the same directory, then are renamed:
 * a reader never sees half a file.
 */
public final class TableWriters {
    private TableWriters() {
    }

    public static void write(ColumnTable table, WriteTarget target) {
        switch (target) {
            case WriteTarget.CsvFile csv -> atomically(csv.path(), temporary -> writeCsv(table, temporary));
            case WriteTarget.ArrowFile arrow -> atomically(arrow.path(), temporary -> writeArrow(table, temporary));
            case WriteTarget.OutputBuffer buffer -> BufferTableWriter.write(table, buffer);
        }
    }

    private interface FileBody {
        void write(Path temporary) throws IOException;
    }

    private static void atomically(Path path, FileBody body) {
        Path absolute = path.toAbsolutePath();
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
            body.write(temporary);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // The original failure is what the user needs to see.
            }
            throw new UncheckedIOException("cannot write " + absolute + ": " + e.getMessage(), e);
        }
    }

    private static void writeCsv(ColumnTable table, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(String.join(",", table.schema().names().stream().map(TableWriters::quote).toList()));
            out.write('\n');
            StringBuilder line = new StringBuilder();
            for (int r = 0; r < table.rows(); r++) {
                line.setLength(0);
                for (int c = 0; c < table.columns().size(); c++) {
                    if (c > 0) {
                        line.append(',');
                    }
                    BatchColumn column = table.columns().get(c);
                    if (column.isNull(r)) {
                        continue;
                    }
                    switch (column.type()) {
                        case INT -> line.append(column.longs[r]);
                        case DOUBLE -> line.append(Double.toString(column.doubles[r]));
                        case BOOL -> line.append(column.booleans[r]);
                        case STRING -> line.append(quote(column.strings[r]));
                    }
                }
                out.write(line.append('\n').toString());
            }
        }
    }

    static String quote(String value) {
        if (value.isEmpty() || value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    private static void writeArrow(ColumnTable table, Path file) throws IOException {
        try (RootAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = ArrowTables.toArrow(table, allocator);
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                ArrowFileWriter writer = new ArrowFileWriter(root, null, channel)) {
            writer.start();
            writer.writeBatch();
            writer.end();
        }
    }
}

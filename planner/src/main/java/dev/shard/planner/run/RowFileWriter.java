package dev.shard.planner.run;

import dev.shard.planner.exec.ArrowBatchFile;
import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.logical.WriteTarget;
import dev.shard.planner.type.Schema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A CSV file (header; doubles in shortest round-trip form by {@link Double#toString}; strings
 * quoted when needed; null as an empty field) or an Arrow IPC file, written a slice of rows
 * at a time to a temporary name in the same directory and renamed into place by
 * {@link #commit}: a reader never sees half a file, and closing without a commit deletes it.
 * An Arrow file gets one record batch per slice (at least one, empty for no rows), so its
 * bytes depend on the slices: callers slice every {@link #SLICE_ROWS} rows of the result.
 */
abstract sealed class RowFileWriter implements AutoCloseable {
    /** Rows per Arrow record batch, fixed so a file's bytes depend on its rows only. */
    static final int SLICE_ROWS = 1 << 16;

    final Path target;
    final Path temporary;
    private boolean committed;

    private RowFileWriter(Path path) {
        this.target = path.toAbsolutePath();
        this.temporary = target.resolveSibling(target.getFileName() + ".tmp");
    }

    static RowFileWriter open(WriteTarget target, Schema schema) {
        RowFileWriter writer = switch (target) {
            case WriteTarget.CsvFile csv -> new Csv(csv.path());
            case WriteTarget.ArrowFile arrow -> new Arrow(arrow.path());
            case WriteTarget.OutputBuffer buffer -> throw new IllegalArgumentException(
                    "an output buffer is written whole, after every value is checked (BufferTableWriter)");
        };
        try {
            if (writer.target.getParent() != null) {
                Files.createDirectories(writer.target.getParent());
            }
            writer.start(schema);
            return writer;
        } catch (IOException | RuntimeException e) {
            writer.close();
            throw writer.failure(e);
        }
    }

    /** Appends rows {@code from} to {@code from + rows} of {@code columns} (in the schema's order). */
    final void write(List<BatchColumn> columns, int from, int rows) {
        try {
            append(columns, from, rows);
        } catch (IOException | RuntimeException e) {
            throw failure(e);
        }
    }

    /** Finishes the file and renames it into place. */
    final void commit() {
        try {
            finish();
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            committed = true;
        } catch (IOException | RuntimeException e) {
            throw failure(e);
        }
    }

    @Override
    public final void close() {
        if (committed) {
            return;
        }
        try {
            release();
        } catch (IOException | RuntimeException ignored) {
            // The failure that stopped the write is what the user needs to see.
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // As above: the original failure is reported.
        }
    }

    private RuntimeException failure(Exception e) {
        return new UncheckedIOException("cannot write " + target + ": " + e.getMessage(),
                e instanceof IOException io ? io : new IOException(e.getMessage(), e));
    }

    abstract void start(Schema schema) throws IOException;

    abstract void append(List<BatchColumn> columns, int from, int rows) throws IOException;

    abstract void finish() throws IOException;

    /** Frees what an unfinished file holds (called instead of or after {@link #finish}). */
    abstract void release() throws IOException;

    private static final class Csv extends RowFileWriter {
        private BufferedWriter out;
        private final StringBuilder line = new StringBuilder();

        Csv(Path path) {
            super(path);
        }

        @Override
        void start(Schema schema) throws IOException {
            out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
            out.write(String.join(",", schema.names().stream().map(TableWriters::quote).toList()));
            out.write('\n');
        }

        @Override
        void append(List<BatchColumn> columns, int from, int rows) throws IOException {
            for (int r = from; r < from + rows; r++) {
                line.setLength(0);
                for (int c = 0; c < columns.size(); c++) {
                    if (c > 0) {
                        line.append(',');
                    }
                    BatchColumn column = columns.get(c);
                    if (column.isNull(r)) {
                        continue;
                    }
                    switch (column.type()) {
                        case INT -> line.append(column.longs[r]);
                        case DOUBLE -> line.append(Double.toString(column.doubles[r]));
                        case BOOL -> line.append(column.booleans[r]);
                        case STRING -> line.append(TableWriters.quote(column.strings[r]));
                    }
                }
                out.write(line.append('\n').toString());
            }
        }

        @Override
        void finish() throws IOException {
            out.close();
        }

        @Override
        void release() throws IOException {
            if (out != null) {
                out.close();
            }
        }
    }

    private static final class Arrow extends RowFileWriter {
        private ArrowBatchFile file;

        Arrow(Path path) {
            super(path);
        }

        @Override
        void start(Schema schema) throws IOException {
            file = new ArrowBatchFile(temporary, schema, false);
        }

        @Override
        void append(List<BatchColumn> columns, int from, int rows) throws IOException {
            file.append(columns, from, rows);
        }

        @Override
        void finish() throws IOException {
            file.finish();
        }

        @Override
        void release() throws IOException {
            if (file != null) {
                file.close();
            }
        }
    }
}

package dev.shard.planner.exec;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.type.Schema;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;

/**
 * An Arrow IPC file written record batch by record batch through a channel (a full file
 * system is an IOException, not a SIGBUS): each batch is written straight from the rows'
 * columns into one reused set of vectors. Committing and naming the file is the caller's.
 */
public final class ArrowBatchFile implements AutoCloseable {
    private final RootAllocator allocator;
    private final VectorSchemaRoot root;
    private final FileChannel channel;
    private final ArrowFileWriter writer;
    private boolean wroteBatch;
    private boolean closed;

    /**
     * Creates (or truncates) {@code path} and writes the file's header for {@code schema};
     * {@code ownerOnly}: readable by this user alone (stage files), else as the umask says.
     */
    public ArrowBatchFile(Path path, Schema schema, boolean ownerOnly) throws IOException {
        allocator = new RootAllocator();
        VectorSchemaRoot empty = null;
        FileChannel opened = null;
        try {
            List<BatchColumn> none = schema.fields().stream().map(f -> new BatchColumn(f.type(), 0)).toList();
            empty = ArrowConversion.toArrow(new ColumnTable(schema, 0, none), allocator);
            Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
            opened = ownerOnly ? FileChannel.open(path, options, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------"))) : FileChannel.open(path, options);
            ArrowFileWriter started = new ArrowFileWriter(empty, null, opened);
            started.start();
            root = empty;
            channel = opened;
            writer = started;
        } catch (IOException | RuntimeException e) {
            if (opened != null) {
                opened.close();
            }
            if (empty != null) {
                empty.close();
            }
            allocator.close();
            throw e;
        }
    }

    /** Rows {@code from} to {@code from + rows} of {@code columns} (the schema's order) as the next record batch. */
    public void append(List<BatchColumn> columns, int from, int rows) throws IOException {
        List<FieldVector> vectors = root.getFieldVectors();
        for (int c = 0; c < vectors.size(); c++) {
            ArrowColumns.write(columns.get(c), from, rows, vectors.get(c));
        }
        root.setRowCount(rows);
        writer.writeBatch();
        wroteBatch = true;
    }

    /** Ends the file (with one empty record batch when none was written) and releases it. */
    public void finish() throws IOException {
        if (!wroteBatch) {
            root.setRowCount(0);
            writer.writeBatch();
        }
        writer.end();
        close();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writer.close();
            channel.close();
        } finally {
            root.close();
            allocator.close();
        }
    }
}

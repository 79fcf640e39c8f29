package dev.shard.planner.exec;

import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.physical.SinkExec.CollectRowsExec;
import dev.shard.planner.type.Schema;
import dev.shard.storage.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

/**
 * A shard's stage output written while its rows are produced: rows gather into a slice
 * and each full slice goes to the file as one record batch, so a shard holds one slice
 * rather than all it produces (a join's output can be many times its inputs). Committed
 * like {@link StageFiles#write}: a temporary file named with the pid, renamed when
 * complete, deleted on failure, so a dead or failed attempt never leaves a committed file.
 */
final class StageFileWriter implements AutoCloseable {
    /** Rows per record batch: small next to a shard, large enough that batch headers do not matter. */
    static final int SLICE_ROWS = CollectRowsExec.SLICE_ROWS;

    private final Schema schema;
    private final Path directory;
    private final int shard;
    private final Path target;
    private final Path temporary;
    private final RowCollector slice;
    private long rows;
    private RootAllocator allocator;
    private VectorSchemaRoot root;
    private FileChannel channel;
    private ArrowFileWriter writer;

    StageFileWriter(Schema schema, Path directory, int shard) {
        this.schema = schema;
        this.directory = directory;
        this.shard = shard;
        this.target = StageFiles.fileOf(directory, shard);
        this.temporary = directory.resolve(shard + "." + ProcessHandle.current().pid() + ".arrow.tmp");
        this.slice = new RowCollector(schema);
    }

    void append(ColumnBatch batch) {
        slice.append(batch);
        if (slice.rows() >= SLICE_ROWS) {
            flush();
        }
    }

    /**
     * Commits the file and returns it; with no rows at all, returns null unless
     * {@code whenEmpty} (then the file holds one empty record batch).
     */
    StageFile commit(boolean whenEmpty) {
        if (writer == null && slice.rows() == 0 && !whenEmpty) {
            return null;
        }
        if (slice.rows() > 0 || writer == null) {
            flush();
        }
        try {
            writer.end();
            closeFile();
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new StageFile(target.toString(), rows, Files.size(target));
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private void flush() {
        ColumnTable rowsOfSlice = slice.view();
        try {
            StageFiles.ensureRoom(directory, StageFiles.METADATA_BYTES
                    + rowsOfSlice.rows() * schema.estimatedBytesPerRow(), shard);
            if (writer == null) {
                open();
            }
            try (VectorSchemaRoot part = ArrowConversion.toArrow(rowsOfSlice, allocator);
                    ArrowRecordBatch batch = new VectorUnloader(part).getRecordBatch()) {
                new VectorLoader(root).load(batch);
                writer.writeBatch();
            }
            rows += rowsOfSlice.rows();
            slice.clear();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private void open() throws IOException {
        allocator = new RootAllocator();
        try (VectorSchemaRoot empty = ArrowConversion.toArrow(
                new ColumnTable(schema, 0, slice.view().columns()), allocator)) {
            root = VectorSchemaRoot.create(empty.getSchema(), allocator);
        }
        channel = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        writer = new ArrowFileWriter(root, null, channel);
        writer.start();
    }

    private StorageException failure(IOException e) {
        close();
        return new StorageException("shard " + shard + " cannot write its stage output " + target + ": "
                + e.getMessage() + " (is " + directory.getParent() + " full? see df -h; SHARD_SHM_DIR moves it)", e);
    }

    private void closeFile() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
        }
        if (channel != null) {
            channel.close();
            channel = null;
        }
        if (root != null) {
            root.close();
            root = null;
        }
        if (allocator != null) {
            allocator.close();
            allocator = null;
        }
    }

    /** Releases the file; without a commit, deletes the partial temporary file (after one, it is renamed away). */
    @Override
    public void close() {
        try {
            closeFile();
        } catch (IOException | RuntimeException ignored) {
            // Closing after a failure: the failure is what the caller reports.
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // The stage directory is removed with the run.
        }
    }
}

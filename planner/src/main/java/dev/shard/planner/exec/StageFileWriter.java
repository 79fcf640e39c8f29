package dev.shard.planner.exec;

import dev.shard.planner.exec.vector.ColumnBatch;
import dev.shard.planner.physical.SinkExec.CollectRowsExec;
import dev.shard.planner.type.Schema;
import dev.shard.storage.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
    private final long limit;
    private long rows;
    private ArrowBatchFile file;

    StageFileWriter(Schema schema, Path directory, int shard) {
        this(schema, directory, shard, -1);
    }

    /** {@code limit}: the most rows it keeps (−1: all); appends past it are dropped. */
    StageFileWriter(Schema schema, Path directory, int shard, long limit) {
        this.limit = limit < 0 ? Long.MAX_VALUE : limit;
        this.schema = schema;
        this.directory = directory;
        this.shard = shard;
        this.target = StageFiles.fileOf(directory, shard);
        this.temporary = directory.resolve(shard + "." + ProcessHandle.current().pid() + ".arrow.tmp");
        this.slice = new RowCollector(schema);
    }

    void append(ColumnBatch batch) {
        long room = limit - rows - slice.rows();
        if (room <= 0) {
            return;
        }
        slice.append(batch, (int) Math.min(room, batch.selectedCount()));
        if (slice.rows() >= SLICE_ROWS) {
            flush();
        }
    }

    /** Whether it holds its limit of rows: what comes later would be dropped. */
    boolean full() {
        return rows + slice.rows() >= limit;
    }

    /**
     * Commits the file and returns it; with no rows at all, returns null unless
     * {@code whenEmpty} (then the file holds one empty record batch).
     */
    StageFile commit(boolean whenEmpty) {
        if (file == null && slice.rows() == 0 && !whenEmpty) {
            return null;
        }
        if (slice.rows() > 0 || file == null) {
            flush();
        }
        try {
            file.finish();
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new StageFile(target.toString(), rows, Files.size(target));
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private void flush() {
        try {
            StageFiles.ensureRoom(directory, StageFiles.METADATA_BYTES + slice.rows() * schema.estimatedBytesPerRow(),
                    shard);
            if (file == null) {
                file = new ArrowBatchFile(temporary, schema, true);
            }
            file.append(slice.view().columns(), 0, slice.rows());
            rows += slice.rows();
            slice.clear();
        } catch (IOException e) {
            throw failure(e);
        }
    }

    private StorageException failure(IOException e) {
        close();
        return new StorageException("shard " + shard + " cannot write its stage output " + target + ": "
                + e.getMessage() + " (is " + directory.getParent() + " full? see df -h; SHARD_SHM_DIR moves it)", e);
    }

    /** Releases the file; without a commit, deletes the partial temporary file (after one, it is renamed away). */
    @Override
    public void close() {
        try {
            if (file != null) {
                file.close();
            }
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

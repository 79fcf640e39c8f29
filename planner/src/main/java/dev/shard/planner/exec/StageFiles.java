package dev.shard.planner.exec;

import dev.shard.planner.exec.vector.BatchColumn;
import dev.shard.planner.exec.vector.ColumnTable;
import dev.shard.planner.type.Schema;
import dev.shard.storage.StorageException;
import dev.shard.storage.arrow.ArrowFiles;
import dev.shard.storage.arrow.SharedArrowTable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

/**
 * Stage outputs as Arrow IPC files in the driver's stage directory.
 *
 * <p>A shard writes {@code <shard>.<pid>.arrow.tmp} and renames it to {@code <shard>.arrow}
 * when complete: a shard that dies mid-write leaves only a temporary file, a retry
 * rewrites the same bytes and renames over, so the committed file is written exactly once
 * in content. The pid in the temporary name keeps two attempts of one shard (a timed-out
 * worker not yet killed and its replacement) from writing into one file. Files are
 * written through a channel, not a mapping, so a full file system is an IOException
 * rather than a SIGBUS; the free space is checked first for a clear message.
 */
public final class StageFiles {
    /** Footer, schema and record batch headers on top of the column buffers. */
    static final long METADATA_BYTES = 64L << 10;

    private StageFiles() {
    }

    /** The committed file of shard {@code shard} in {@code directory}. */
    public static Path fileOf(Path directory, int shard) {
        return directory.resolve(shard + ".arrow");
    }

    /** Writes {@code table} as shard {@code shard}'s output and commits it. */
    public static StageFile write(ColumnTable table, Path directory, int shard) {
        Path target = fileOf(directory, shard);
        Path temporary = directory.resolve(shard + "." + ProcessHandle.current().pid() + ".arrow.tmp");
        try (RootAllocator allocator = new RootAllocator();
                VectorSchemaRoot root = ArrowConversion.toArrow(table, allocator)) {
            long estimated = METADATA_BYTES;
            for (FieldVector vector : root.getFieldVectors()) {
                estimated += vector.getBufferSize();
            }
            ensureRoom(directory, estimated, shard);
            try (FileChannel channel = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    ArrowFileWriter writer = new ArrowFileWriter(root, null, channel)) {
                writer.start();
                writer.writeBatch();
                writer.end();
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new StageFile(target.toString(), table.rows(), Files.size(target));
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new StorageException("shard " + shard + " cannot write its stage output " + target + ": "
                    + e.getMessage() + " (is " + directory.getParent() + " full? see df -h; SHARD_SHM_DIR moves it)",
                    e);
        }
    }

    /**
     * Writes {@code parts} (same schema) as shard {@code shard}'s output, part p as record
     * batch p even when it has no rows, and commits it like {@link #write}: the partition
     * file of a partitioned join's side. The parts are converted one at a time.
     */
    public static StageFile writeBatches(List<ColumnTable> parts, Path directory, int shard) {
        Path target = fileOf(directory, shard);
        Path temporary = directory.resolve(shard + "." + ProcessHandle.current().pid() + ".arrow.tmp");
        Schema schema = parts.getFirst().schema();
        long rows = parts.stream().mapToLong(ColumnTable::rows).sum();
        try (RootAllocator allocator = new RootAllocator();
                VectorSchemaRoot first = ArrowConversion.toArrow(parts.getFirst(), allocator);
                VectorSchemaRoot root = VectorSchemaRoot.create(first.getSchema(), allocator)) {
            ensureRoom(directory, METADATA_BYTES * parts.size() + rows * schema.estimatedBytesPerRow(), shard);
            try (FileChannel channel = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    ArrowFileWriter writer = new ArrowFileWriter(root, null, channel)) {
                writer.start();
                for (int p = 0; p < parts.size(); p++) {
                    try (VectorSchemaRoot part = p == 0 ? null : ArrowConversion.toArrow(parts.get(p), allocator);
                            ArrowRecordBatch batch = new VectorUnloader(p == 0 ? first : part).getRecordBatch()) {
                        new VectorLoader(root).load(batch);
                    }
                    writer.writeBatch();
                }
                writer.end();
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new StageFile(target.toString(), rows, Files.size(target));
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new StorageException("shard " + shard + " cannot write its partition file " + target + ": "
                    + e.getMessage() + " (is " + directory.getParent() + " full? see df -h; SHARD_SHM_DIR moves it)",
                    e);
        }
    }

    static void ensureRoom(Path directory, long bytes, int shard) throws IOException {
        long free = Files.getFileStore(directory).getUsableSpace();
        if (bytes > free) {
            throw new StorageException(directory + " has " + free + " bytes free, shard " + shard
                    + "'s stage output needs about " + bytes + ": free space there, point SHARD_SHM_DIR at a larger"
                    + " tmpfs, or aggregate or limit before the rows leave the workers");
        }
    }

    /** A committed file's rows, mapped zero-copy and read into a heap table (small results on the driver). */
    public static ColumnTable read(StageFile file, Schema schema) {
        try (SharedArrowTable table = ArrowFiles.open(Path.of(file.path()))) {
            List<ColumnTable> parts = new ArrayList<>();
            for (VectorSchemaRoot batch : table.batches()) {
                int rows = batch.getRowCount();
                List<BatchColumn> columns = new ArrayList<>();
                for (int c = 0; c < schema.size(); c++) {
                    BatchColumn column = new BatchColumn(schema.fields().get(c).type(), rows);
                    ArrowColumns.read(batch.getVector(c), 0, rows, column);
                    columns.add(column);
                }
                parts.add(new ColumnTable(schema, rows, columns));
            }
            return parts.size() == 1 ? parts.getFirst() : ColumnTable.concatenate(schema, parts);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // The stage directory is removed with the run; the write failure is what matters.
        }
    }
}

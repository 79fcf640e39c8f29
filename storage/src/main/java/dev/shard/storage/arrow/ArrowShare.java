package dev.shard.storage.arrow;

import dev.shard.storage.StorageException;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.segment.Segment;
import dev.shard.storage.segment.SegmentStore;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;

/**
 * Puts Arrow tables into shared segments in the Arrow IPC file format, so that any
 * process (and any Arrow implementation that can map a file) reads them zero-copy.
 * The IPC bytes are written straight into the segment; the table is serialized twice
 * (once to measure, once to write) rather than buffered in the heap.
 */
public final class ArrowShare {
    private static final AtomicLong NAMES = new AtomicLong();

    private ArrowShare() {
    }

    public static SharedTableInput share(VectorSchemaRoot table) {
        return share(List.of(table), Backing.AUTO);
    }

    public static SharedTableInput share(VectorSchemaRoot table, Backing backing) {
        return share(List.of(table), backing);
    }

    /**
     * Shares record batches with one schema (each root is one batch). The roots are only read;
     * the caller still owns and closes them.
     */
    public static SharedTableInput share(List<VectorSchemaRoot> batches, Backing backing) {
        if (batches.isEmpty()) {
            throw new StorageException("cannot share an Arrow table without batches (pass at least one"
                    + " VectorSchemaRoot; an empty one is fine)");
        }
        if (batches.getFirst().getFieldVectors().isEmpty()) {
            throw new StorageException("cannot share an Arrow table without columns (add at least one vector)");
        }
        for (VectorSchemaRoot batch : batches) {
            if (!batch.getSchema().equals(batches.getFirst().getSchema())) {
                throw new StorageException("all batches of a shared Arrow table need one schema; got "
                        + batches.getFirst().getSchema() + " and " + batch.getSchema());
            }
        }
        long bytes = write(batches, SegmentWriteChannel.counting());
        Segment owner = SegmentStore.shared().create("table-" + NAMES.incrementAndGet(), bytes, backing);
        try {
            long written = writeInto(batches, owner);
            if (written != bytes) {
                throw new StorageException("the Arrow table changed while it was being shared (" + bytes
                        + " bytes measured, " + written + " written); do not modify it concurrently");
            }
            long rows = batches.stream().mapToLong(VectorSchemaRoot::getRowCount).sum();
            SharedTableHandle handle = new SharedTableHandle(owner.path().toString(), owner.backing(), 0, bytes);
            return new SharedTableInput(owner, handle, rows, batches.getFirst().getSchema().getFields().size());
        } catch (RuntimeException e) {
            owner.close();
            throw e;
        }
    }

    /** Writes the batches in IPC file format into {@code owner} from offset 0; returns the bytes written. */
    static long writeInto(List<VectorSchemaRoot> batches, Segment owner) {
        return write(batches, SegmentWriteChannel.into(owner));
    }

    /** Writes the batches in IPC file format into {@code channel}; returns the bytes written. */
    private static long write(List<VectorSchemaRoot> batches, SegmentWriteChannel channel) {
        VectorSchemaRoot first = batches.getFirst();
        // The writer unloads whatever root it was built with, so each batch goes through one writer
        // built over a shared root that the batches are loaded into in turn.
        try (VectorSchemaRoot staging = VectorSchemaRoot.create(first.getSchema(),
                first.getFieldVectors().getFirst().getAllocator());
                ArrowFileWriter writer = new ArrowFileWriter(staging, null, channel)) {
            writer.start();
            for (VectorSchemaRoot batch : batches) {
                try (var unloaded = new VectorUnloader(batch).getRecordBatch()) {
                    new VectorLoader(staging).load(unloaded);
                }
                writer.writeBatch();
            }
            writer.end();
        } catch (IOException e) {
            throw new StorageException("cannot write the Arrow table into shared memory: " + e.getMessage(), e);
        }
        return channel.position();
    }
}

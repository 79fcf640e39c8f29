package dev.shard.planner.exec;

import dev.shard.planner.exec.aggregate.BlockPartial;
import dev.shard.storage.StorageException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The layout of a shard's partitioned partial file: the block partials of a hash
 * aggregation's shard, split by key hash, one section per partition, so that the merge of
 * partition p reads section p of every shard's file and nothing else.
 *
 * <pre>
 * 0                 int   magic 0x53485041 ("SHPA"); the header is little-endian
 * 4                 int   version (major; another one is refused)
 * 8                 int   partitions P
 * 12                int   reserved, 0
 * 16                long  offsets[P + 1]: section p is bytes [offsets[p], offsets[p + 1])
 * 16 + 8 (P + 1)    sections: each a Java serialization stream of int count, then count
 *                   BlockPartials in block order (their columns in BatchColumnCodec's form)
 * </pre>
 *
 * Written to {@code <shard>.<pid>.partials.tmp} and renamed to {@code <shard>.partials}
 * like the stage's Arrow files (see StageFiles): a retried shard rewrites the same bytes.
 */
public final class PartialFileDescriptor {
    static final int MAGIC = 0x53485041;
    static final int VERSION = 1;
    static final int OFFSETS_AT = 16;

    private PartialFileDescriptor() {
    }

    /** Writes {@code sections} (partition p's partials, in block order) as shard {@code shard}'s file. */
    static StageFile write(List<List<BlockPartial>> sections, Path directory, int shard) {
        Path target = directory.resolve(shard + ".partials");
        Path temporary = directory.resolve(shard + "." + ProcessHandle.current().pid() + ".partials.tmp");
        int partitions = sections.size();
        long rows = 0;
        ByteBuffer header = ByteBuffer.allocate(OFFSETS_AT + Long.BYTES * (partitions + 1))
                .order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(MAGIC).putInt(VERSION).putInt(partitions).putInt(0);
        try (FileChannel channel = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            long offset = header.capacity();
            channel.position(offset);
            for (List<BlockPartial> section : sections) {
                header.putLong(offset);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                    out.writeInt(section.size());
                    for (BlockPartial partial : section) {
                        out.writeObject(partial);
                        out.reset();
                        rows += partial.groups();
                    }
                }
                offset += writeFully(channel, ByteBuffer.wrap(bytes.toByteArray()));
            }
            header.putLong(offset);
            channel.position(0);
            writeFully(channel, header.flip());
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new StorageException("shard " + shard + " cannot write its partial file " + target + ": "
                    + e.getMessage() + " (is " + directory.getParent() + " full? see df -h; SHARD_SHM_DIR moves it)",
                    e);
        }
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new StageFile(target.toString(), rows, Files.size(target));
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new StorageException("shard " + shard + " cannot commit its partial file " + target + ": "
                    + e.getMessage(), e);
        }
    }

    /** Hands every partial of partition {@code partition} in {@code file} to {@code consumer}, in block order. */
    static void forEachPartial(Path file, int partition, Consumer<BlockPartial> consumer) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer fixed = readAt(channel, 0, OFFSETS_AT);
            int magic = fixed.getInt();
            int version = fixed.getInt();
            int partitions = fixed.getInt();
            if (magic != MAGIC || version != VERSION) {
                throw new StorageException(file + " is not a partial file of version " + VERSION + " (magic "
                        + Integer.toHexString(magic) + ", version " + version + "): a stage directory was reused"
                        + " across versions; run shard gc and rerun");
            }
            if (partition < 0 || partition >= partitions) {
                throw new IllegalStateException(file + " has " + partitions + " partitions, partition " + partition
                        + " was asked for: the stage and its merge were planned with different partition counts");
            }
            ByteBuffer offsets = readAt(channel, OFFSETS_AT + (long) Long.BYTES * partition, 2 * Long.BYTES);
            long start = offsets.getLong();
            long end = offsets.getLong();
            if (start < OFFSETS_AT || end < start || end > channel.size()) {
                throw new StorageException(file + ": section " + partition + " spans [" + start + ", " + end
                        + ") of a " + channel.size() + "-byte file: the file is corrupt; rerun the query");
            }
            channel.position(start);
            // The stream stops at its own count; reading ahead into the next section is harmless.
            InputStream section = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
            try (ObjectInputStream in = new ObjectInputStream(section)) {
                int count = in.readInt();
                for (int i = 0; i < count; i++) {
                    consumer.accept((BlockPartial) in.readObject());
                }
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new StorageException("cannot read partition " + partition + " of the partial file " + file + ": "
                    + e.getMessage() + " (a stage file vanished or is corrupt; rerun the query)", e);
        }
    }

    private static ByteBuffer readAt(FileChannel channel, long position, int bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the file ends before byte " + (position + bytes));
            }
        }
        return buffer.flip();
    }

    private static long writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        long written = 0;
        while (buffer.hasRemaining()) {
            written += channel.write(buffer);
        }
        return written;
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // The stage directory is removed with the run; the write failure is what matters.
        }
    }
}

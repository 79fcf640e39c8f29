package dev.shard.storage.buffer;

import dev.shard.storage.layout.ElementType;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.segment.ProcessIdentity;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * What an output buffer is (the seed's {@code buffer_info}).
 *
 * @param path the segment file; another process opens the buffer by it
 * @param type element type
 * @param dims dimensions, column-major
 * @param backing where the pages live
 * @param bytes element bytes (without the header)
 * @param segmentBytes the whole segment: header plus elements
 * @param owner whether this handle created the buffer (closing it removes the file)
 * @param readOnly whether this handle may only read
 * @param ownerProcess the process that created the buffer, when its run directory records it
 */
public record BufferInfo(Path path, ElementType type, long[] dims, Backing backing, long bytes, long segmentBytes,
        boolean owner, boolean readOnly, Optional<ProcessIdentity> ownerProcess) {
    public BufferInfo {
        dims = dims.clone();
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BufferInfo that && path.equals(that.path) && type == that.type
                && Arrays.equals(dims, that.dims) && backing == that.backing && bytes == that.bytes
                && segmentBytes == that.segmentBytes && owner == that.owner && readOnly == that.readOnly
                && ownerProcess.equals(that.ownerProcess);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return type.displayName() + Arrays.toString(dims) + " " + backing.displayName() + " " + bytes + " bytes at "
                + path + (owner ? ", owner" : "") + (readOnly ? ", read-only" : "")
                + ownerProcess.map(process -> ", owner pid " + process.pid()).orElse("");
    }
}

package dev.shard.storage.buffer;

import dev.shard.storage.SharedReference;
import dev.shard.storage.layout.ElementType;
import dev.shard.storage.segment.Access;
import dev.shard.storage.segment.SegmentStore;
import java.io.Serial;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What a worker receives instead of a buffer: its path, type and dims. {@link #open()}
 * maps the same pages read-write in the worker's process (no copy) and checks that
 * the file still holds a buffer of this type and these dims.
 */
public final class BufferReference implements SharedReference<OutputBuffer> {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String path;
    private final ElementType type;
    private final long[] dims;

    public BufferReference(Path path, ElementType type, long[] dims) {
        this.path = path.toAbsolutePath().toString();
        this.type = type;
        this.dims = dims.clone();
    }

    public Path path() {
        return Path.of(path);
    }

    public ElementType type() {
        return type;
    }

    public long[] dims() {
        return dims.clone();
    }

    /** Opens the buffer read-write through this process's {@link SegmentStore#shared()}. */
    @Override
    public OutputBuffer open() {
        return open(SegmentStore.shared(), Access.READ_WRITE);
    }

    public OutputBuffer open(SegmentStore store, Access access) {
        return OutputBuffer.open(store, path(), access, type, dims);
    }

    @Override
    public String describe() {
        return "output buffer " + type.displayName() + Arrays.toString(dims) + " at " + path;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BufferReference that && path.equals(that.path) && type == that.type
                && Arrays.equals(dims, that.dims);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return "BufferReference[" + describe() + "]";
    }
}

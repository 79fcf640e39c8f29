package dev.shard.runtime.testing;

import dev.shard.storage.SharedReference;
import dev.shard.storage.segment.Access;
import dev.shard.storage.segment.Segment;
import dev.shard.storage.segment.SegmentStore;
import java.nio.file.Path;

/**
 * Test-only shared arrays of 8-byte values over a segment, until the storage layer's
 * shared arrays are used: a reference any worker opens read-only or read-write.
 */
public final class SegmentArray implements AutoCloseable {
    private final Segment segment;

    private SegmentArray(Segment segment) {
        this.segment = segment;
    }

    public static SegmentArray open(Path path, Access access) {
        return new SegmentArray(SegmentStore.shared().open(path, access));
    }

    public long length() {
        return segment.size() / Long.BYTES;
    }

    public long getLong(long index) {
        return segment.getLong(index * Long.BYTES);
    }

    public void setLong(long index, long value) {
        segment.setLong(index * Long.BYTES, value);
    }

    public double getDouble(long index) {
        return segment.getDouble(index * Double.BYTES);
    }

    public void setDouble(long index, double value) {
        segment.setDouble(index * Double.BYTES, value);
    }

    public Segment segment() {
        return segment;
    }

    @Override
    public void close() {
        segment.close();
    }

    /** A reference to a segment of 8-byte values, opened with {@code access} in the worker. */
    public record Reference(String path, Access access) implements SharedReference<SegmentArray> {
        public static Reference readOnly(Segment segment) {
            return new Reference(segment.path().toString(), Access.READ_ONLY);
        }

        public static Reference readWrite(Segment segment) {
            return new Reference(segment.path().toString(), Access.READ_WRITE);
        }

        @Override
        public SegmentArray open() {
            return SegmentArray.open(Path.of(path), access);
        }

        @Override
        public String describe() {
            return "segment array " + path + " (" + access + ")";
        }
    }
}

package dev.shard.storage.share;

import dev.shard.storage.SharedReference;
import dev.shard.storage.StorageException;
import dev.shard.storage.layout.ElementType;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.segment.RunDirectory;
import dev.shard.storage.segment.SegmentStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a process needs to open a shared array or matrix zero-copy: the segment path,
 * where the elements start in it and how many bytes they take, their type and shape.
 * A few dozen bytes, serializable, and printable as one line ({@link #encode()}).
 *
 * @param path the segment file (a string, because {@link Path} is not serializable)
 * @param backing where the segment's pages live
 * @param offset byte offset of the first element in the segment
 * @param length bytes of elements
 * @param type element type
 * @param shape {@code [length]} for a vector, {@code [rows, columns]} for a column-major matrix
 */
public record SharedHandle(String path, Backing backing, long offset, long length, ElementType type, long[] shape)
        implements SharedReference<SharedArray> {
    private static final String ENCODING_VERSION = "shard-array-v1";

    public SharedHandle {
        shape = shape.clone();
        if (shape.length < 1 || shape.length > 2) {
            throw new StorageException("a shared array has shape [length] or [rows, columns], got "
                    + Arrays.toString(shape));
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public Path file() {
        return Path.of(path);
    }

    public boolean isMatrix() {
        return shape.length == 2;
    }

    public long elementCount() {
        return Arrays.stream(shape).reduce(1, Math::multiplyExact);
    }

    /** Maps the segment read-only in this process (shared with other opens of the same file). */
    @Override
    public SharedArray open() {
        return open(SegmentStore.shared());
    }

    public SharedArray open(SegmentStore store) {
        return SharedArray.open(this, store);
    }

    /** Opens a matrix; a clear error when this handle is a vector. */
    public SharedMatrix openMatrix() {
        return expect(SharedMatrix.class, "a matrix");
    }

    public SharedDoubleArray openDoubles() {
        return expect(SharedDoubleArray.class, "a double vector");
    }

    public SharedIntArray openInts() {
        return expect(SharedIntArray.class, "an int vector");
    }

    public SharedLongArray openLongs() {
        return expect(SharedLongArray.class, "a long vector");
    }

    public SharedLogicalArray openLogicals() {
        return expect(SharedLogicalArray.class, "a logical vector");
    }

    public SharedRawArray openRaw() {
        return expect(SharedRawArray.class, "a raw vector");
    }

    private <V extends SharedArray> V expect(Class<V> view, String what) {
        SharedArray opened = open();
        if (view.isInstance(opened)) {
            return view.cast(opened);
        }
        opened.close();
        throw new StorageException("shared data " + describe() + " is not " + what
                + " (open it with open() and check its type, or share the right kind)");
    }

    /** Where the data lives and who owns it, read without mapping it. */
    public SharedInfo info() {
        Path file = file();
        return new SharedInfo(file, backing, length, type.displayName(), shape,
                file.getParent() == null ? java.util.Optional.empty() : RunDirectory.readOwner(file.getParent()),
                false, true);
    }

    @Override
    public String describe() {
        String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(" x "));
        return (isMatrix() ? "matrix " : "vector ") + type.displayName() + " [" + dims + "] at " + path;
    }

    /** One line, safe on a command line or in a file: {@link #decode(String)} reads it back. */
    public String encode() {
        String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining("x"));
        return String.join(";", ENCODING_VERSION, backing.displayName(), Long.toString(offset),
                Long.toString(length), type.displayName(), dims, path);
    }

    public static SharedHandle decode(String text) {
        String[] parts = text.trim().split(";", 7);
        if (parts.length != 7 || !parts[0].equals(ENCODING_VERSION)) {
            throw new StorageException("not a shared array handle: '" + text + "' (expected the output of"
                    + " SharedHandle.encode(), starting with " + ENCODING_VERSION + ")");
        }
        try {
            long[] shape = Arrays.stream(parts[5].split("x")).mapToLong(Long::parseLong).toArray();
            return new SharedHandle(parts[6], Backing.parse(parts[1]), Long.parseLong(parts[2]),
                    Long.parseLong(parts[3]), ElementType.parse(parts[4]), shape);
        } catch (NumberFormatException e) {
            throw new StorageException("malformed shared array handle '" + text + "': " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SharedHandle that && path.equals(that.path) && backing == that.backing
                && offset == that.offset && length == that.length && type == that.type
                && Arrays.equals(shape, that.shape);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + Long.hashCode(offset);
    }

    @Override
    public String toString() {
        return "SharedHandle[" + describe() + "]";
    }
}

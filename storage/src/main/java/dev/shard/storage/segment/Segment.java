package dev.shard.storage.segment;

import dev.shard.storage.StorageException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A handle on a shared mapping. The creator's handle is the <em>owner</em>: closing it
 * unlinks the file (processes that still map it keep reading until they close).
 * Borrowers' handles never unlink.
 *
 * <p>Every handle has its own lifetime: after {@link #close()} any access through it,
 * including through a {@link #memory()} view taken earlier, throws
 * {@link SegmentClosedException} — it never reads stale or unmapped memory. Bounds are
 * always checked (the FFM API has no unchecked mode).
 */
public final class Segment implements AutoCloseable {
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

    private final Path path;
    private final Backing backing;
    private final boolean owner;
    private final boolean readOnly;
    private final Arena lifetime;
    private final MemorySegment view;
    private final Runnable onOwnerClose;
    private volatile boolean closed;

    Segment(Path path, Backing backing, boolean owner, boolean readOnly, Mapping mapping,
            Runnable onOwnerClose) {
        this.path = path;
        this.backing = backing;
        this.owner = owner;
        this.readOnly = readOnly;
        this.onOwnerClose = onOwnerClose;
        this.lifetime = Arena.ofShared();
        MemorySegment scoped = mapping.memory().reinterpret(lifetime, ignored -> mapping.release());
        this.view = readOnly ? scoped.asReadOnly() : scoped;
    }

    public Path path() {
        return path;
    }

    public long size() {
        return view.byteSize();
    }

    public Backing backing() {
        return backing;
    }

    public boolean isOwner() {
        return owner;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public boolean isClosed() {
        return closed;
    }

    public SegmentInfo info() {
        Path runDirectory = path.getParent();
        return new SegmentInfo(path, size(), backing, readOnly, owner,
                runDirectory == null ? java.util.Optional.empty() : RunDirectory.readOwner(runDirectory));
    }

    /**
     * The mapped bytes, valid until this handle closes. Accesses through it after that
     * throw {@link IllegalStateException}; prefer the checked accessors below when the
     * message matters more than the last nanosecond.
     */
    public MemorySegment memory() {
        ensureOpen();
        return view;
    }

    public double getDouble(long offset) {
        try {
            return view.get(DOUBLE, offset);
        } catch (RuntimeException e) {
            throw translate(e, "read 8 bytes", offset, Double.BYTES);
        } catch (InternalError e) {
            throw fault(e, "read 8 bytes", offset);
        }
    }

    public void setDouble(long offset, double value) {
        try {
            view.set(DOUBLE, offset, value);
        } catch (RuntimeException e) {
            throw translate(e, "write 8 bytes", offset, Double.BYTES);
        } catch (InternalError e) {
            throw fault(e, "write 8 bytes", offset);
        }
    }

    public long getLong(long offset) {
        try {
            return view.get(LONG, offset);
        } catch (RuntimeException e) {
            throw translate(e, "read 8 bytes", offset, Long.BYTES);
        } catch (InternalError e) {
            throw fault(e, "read 8 bytes", offset);
        }
    }

    public void setLong(long offset, long value) {
        try {
            view.set(LONG, offset, value);
        } catch (RuntimeException e) {
            throw translate(e, "write 8 bytes", offset, Long.BYTES);
        } catch (InternalError e) {
            throw fault(e, "write 8 bytes", offset);
        }
    }

    public int getInt(long offset) {
        try {
            return view.get(INT, offset);
        } catch (RuntimeException e) {
            throw translate(e, "read 4 bytes", offset, Integer.BYTES);
        } catch (InternalError e) {
            throw fault(e, "read 4 bytes", offset);
        }
    }

    public void setInt(long offset, int value) {
        try {
            view.set(INT, offset, value);
        } catch (RuntimeException e) {
            throw translate(e, "write 4 bytes", offset, Integer.BYTES);
        } catch (InternalError e) {
            throw fault(e, "write 4 bytes", offset);
        }
    }

    public byte getByte(long offset) {
        try {
            return view.get(ValueLayout.JAVA_BYTE, offset);
        } catch (RuntimeException e) {
            throw translate(e, "read 1 byte", offset, 1);
        } catch (InternalError e) {
            throw fault(e, "read 1 byte", offset);
        }
    }

    public void setByte(long offset, byte value) {
        try {
            view.set(ValueLayout.JAVA_BYTE, offset, value);
        } catch (RuntimeException e) {
            throw translate(e, "write 1 byte", offset, 1);
        } catch (InternalError e) {
            throw fault(e, "write 1 byte", offset);
        }
    }

    /** A checked window onto {@code [offset, offset + length)}, sharing this handle's lifetime. */
    public MemorySegment slice(long offset, long length) {
        try {
            return view.asSlice(offset, length);
        } catch (RuntimeException e) {
            throw translate(e, "slice " + length + " bytes", offset, length);
        }
    }

    /**
     * Turns an FFM failure on this handle into a message that names the segment and
     * says what to do. Public so that typed views over a segment report the same way.
     */
    public StorageException translate(RuntimeException failure, String what, long offset, long length) {
        if (closed || failure instanceof IllegalStateException) {
            return new SegmentClosedException("segment " + path + " is closed: cannot " + what
                    + " at offset " + offset + " (open it again, or close it only after the last use)",
                    failure);
        }
        if (failure instanceof IndexOutOfBoundsException) {
            return new SegmentBoundsException("out of bounds: cannot " + what + " at offset " + offset
                    + " of segment " + path + " (" + size() + " bytes; valid offsets 0.."
                    + Math.max(0, size() - length) + ")", failure);
        }
        if (failure instanceof IllegalArgumentException && readOnly
                && String.valueOf(failure.getMessage()).contains("read-only")) {
            return new ReadOnlySegmentException("segment " + path + " is mapped read-only: cannot "
                    + what + " at offset " + offset + " (borrowers never write shared inputs;"
                    + " write into an output buffer instead)", failure);
        }
        if (failure instanceof StorageException storage) {
            return storage;
        }
        return new StorageException("cannot " + what + " at offset " + offset + " of segment "
                + path + ": " + failure.getMessage(), failure);
    }

    /**
     * A memory access that faulted: the JVM reports a SIGBUS on a mapped page as an
     * {@link InternalError}, which must not escape our API. The page has no storage
     * behind it any more: the file was truncated, or (for a segment that could not be
     * reserved up front) its file system ran out of space. Any other InternalError is
     * rethrown as it is.
     */
    public StorageException fault(InternalError error, String what, long offset) {
        if (!isMemoryFault(error)) {
            throw error;
        }
        return new StorageException("cannot " + what + " at offset " + offset + " of segment " + path
                + ": the memory access faulted, because the file has no storage behind that page any more (it was"
                + " truncated by another process, or its file system " + fileSystem() + " ran out of space)."
                + " The segment's data is incomplete: check free space (df -h " + path.getParent()
                + ") and that nothing else truncates files there, then run again", error);
    }

    /** True for the error the JVM raises when a mapped page cannot be read or written (SIGBUS). */
    public static boolean isMemoryFault(Throwable error) {
        return error instanceof InternalError
                && String.valueOf(error.getMessage()).contains("fault occurred in an unsafe memory access");
    }

    private String fileSystem() {
        try {
            return String.valueOf(Files.getFileStore(path.getParent()));
        } catch (IOException | RuntimeException e) {
            return "of " + path.getParent();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new SegmentClosedException("segment " + path
                    + " is closed (open it again, or close it only after the last use)", null);
        }
    }

    /** Unmaps this handle's view; the owner also unlinks the file. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        lifetime.close();
        if (owner) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new StorageException("cannot unlink segment " + path + ": " + e.getMessage(), e);
            } finally {
                onOwnerClose.run();
            }
        }
    }

    @Override
    public String toString() {
        return "Segment[" + path + ", " + size() + " bytes, " + backing.displayName()
                + (owner ? ", owner" : "") + (readOnly ? ", read-only" : "") + (closed ? ", closed" : "") + "]";
    }
}

package dev.shard.storage.segment;

import dev.shard.storage.StorageException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Creates and opens segments for this process. One store per process
 * ({@link #shared()}) is the norm; tests may build stores over other roots.
 *
 * <p>The first store of a process sweeps the run directories of dead processes and
 * registers a shutdown hook that removes this process's own run directories.
 */
public final class SegmentStore {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    /** Free tmpfs space kept back when {@link Backing#AUTO} decides, so tmpfs never fills up. */
    private static final double AUTO_SHM_HEADROOM = 0.10;
    private static volatile SegmentStore shared;

    private final StorageContext context;
    private final ProcessIdentity self;
    private final Map<Mapping.Key, Mapping> mappings = new HashMap<>();
    private final Set<Segment> owned = new LinkedHashSet<>();
    private final Map<Backing, RunDirectory> runDirectories = new HashMap<>();
    private final AtomicLong names = new AtomicLong();
    /** Serializes the free-space check with the file creation it permits. */
    private final Object spaceLock = new Object();
    private final SegmentSpace space;

    public SegmentStore(StorageContext context) {
        this.context = context;
        this.space = new SegmentSpace(context);
        this.self = ProcessIdentity.current();
        SegmentSweeper.sweep(context);
        Runtime.getRuntime().addShutdownHook(new Thread(this::removeOwnRunDirectories, "shard-segment-cleanup"));
    }

    /** The process-wide store over {@link StorageContext#fromEnvironment()}. */
    public static SegmentStore shared() {
        SegmentStore store = shared;
        if (store == null) {
            synchronized (SegmentStore.class) {
                store = shared;
                if (store == null) {
                    store = new SegmentStore(StorageContext.fromEnvironment());
                    shared = store;
                }
            }
        }
        return store;
    }

    /**
     * Starts making, on a daemon thread, the native call the first {@link #create} of this
     * process needs ({@code fallocate} through the FFM linker: tens of milliseconds of
     * class spinning in a fresh JVM). A command calls it first thing, so that the work runs
     * while the command line is parsed and workers are spawned instead of on the first
     * segment's path. Has no other effect; a create that comes first simply waits for it.
     */
    public static void prepareInBackground() {
        Thread preparing = new Thread(SegmentStore::prepare, "shard-storage-prepare");
        preparing.setDaemon(true);
        preparing.start();
    }

    /**
     * Makes, on the calling thread, what {@link #prepareInBackground} makes: for a caller that
     * orders it among other preparations on a thread of its own.
     */
    public static void prepare() {
        NativeFiles.prepareAllocate();
    }

    public StorageContext context() {
        return context;
    }

    /** This process's run directory under the root of {@code backing} (created on first use). */
    public synchronized Path runDirectory(Backing backing) {
        Backing resolved = backing == Backing.AUTO ? Backing.SHM : backing;
        return runDirectories.computeIfAbsent(resolved,
                b -> RunDirectory.create(context.root(b), b, self)).path();
    }

    /** Creates a segment with a generated name. */
    public Segment create(long bytes, Backing backing) {
        return create("seg-" + names.incrementAndGet(), bytes, backing);
    }

    /**
     * Creates a zero-filled segment of {@code bytes} owned by this process, mapped
     * read-write, file mode 0600, its space reserved up front (see {@link SegmentSpace}).
     * A segment that does not fit in the free space of its file system is refused with a
     * {@link StorageException} naming the size, the space free, the directory and the
     * setting that moves it.
     */
    public Segment create(String name, long bytes, Backing backing) {
        if (!NAME.matcher(name).matches()) {
            throw new StorageException("invalid segment name '" + name
                    + "': use 1-200 letters, digits, '.', '_' or '-'");
        }
        synchronized (spaceLock) {
            return createFile(name, bytes, reserveRoom(name, bytes, backing));
        }
    }

    /**
     * Refuses, with the message {@link #create(String, long, Backing)} would give, a segment
     * that cannot fit, and creates nothing: a command checks its largest input this way
     * before it starts workers, then creates it while they start.
     */
    public void ensureRoom(String name, long bytes, Backing backing) {
        synchronized (spaceLock) {
            reserveRoom(name, bytes, backing);
        }
    }

    /** The backing a segment of {@code bytes} goes to, after checking it fits there (the caller holds spaceLock). */
    private Backing reserveRoom(String name, long bytes, Backing backing) {
        if (bytes <= 0) {
            throw new StorageException("segment '" + name + "' needs a positive size, got " + bytes + " bytes");
        }
        Backing resolved = resolve(backing, bytes);
        Optional<String> autoNote = backing == Backing.AUTO && resolved == Backing.MMAP
                ? Optional.of(" (backing auto did not use shm either: " + context.shmRoot() + " has "
                        + shmFreeForMessage() + " free; " + StorageContext.SHM_DIR_ENV + " moves it)")
                : Optional.empty();
        space.ensureRoom(name, bytes, resolved, owned(), autoNote);
        return resolved;
    }

    private Segment createFile(String name, long bytes, Backing resolved) {
        Path path = runDirectory(resolved).resolve(name + ".seg");
        try (FileChannel channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            if (!space.reserve(name, path, bytes, resolved)) {
                // No fallocate here: a sparse file; growing a new file is a write of one byte at the end.
                channel.write(java.nio.ByteBuffer.allocate(1), bytes - 1);
            }
            Mapping mapping = map(path, channel, true);
            Segment segment = new Segment(path, resolved, true, false, mapping, () -> forget(path));
            synchronized (this) {
                owned.add(segment);
            }
            return segment;
        } catch (FileAlreadyExistsException e) {
            throw new StorageException("segment '" + name + "' already exists at " + path
                    + " (names are unique per process; close the old one or pick another name)", e);
        } catch (StorageException e) {
            space.forget(path);
            deleteQuietly(path);
            throw e;
        } catch (IOException e) {
            space.forget(path);
            deleteQuietly(path);
            throw new StorageException("cannot create segment " + path + " of " + bytes + " bytes: "
                    + e.getMessage() + " (is " + context.root(resolved) + " full? see df -h)", e);
        }
    }

    /** Opens an existing segment by path as a borrower. Same file twice shares one mapping. */
    public Segment open(Path path, Access access) {
        Path absolute = path.toAbsolutePath().normalize();
        boolean writable = access == Access.READ_WRITE;
        synchronized (this) {
            for (boolean candidate : writable ? new boolean[] {true} : new boolean[] {false, true}) {
                Mapping existing = mappings.get(new Mapping.Key(absolute, candidate));
                if (existing != null && existing.retain()) {
                    return new Segment(absolute, backingOf(absolute), false, !writable, existing, () -> { });
                }
            }
        }
        Set<StandardOpenOption> options = writable
                ? Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE)
                : Set.of(StandardOpenOption.READ);
        try (FileChannel channel = FileChannel.open(absolute, options)) {
            Mapping mapping = map(absolute, channel, writable);
            return new Segment(absolute, backingOf(absolute), false, !writable, mapping, () -> { });
        } catch (NoSuchFileException e) {
            throw new StorageException("no segment at " + absolute
                    + " (its owner closed it or exited; check the path and that the owner is still running)", e);
        } catch (IOException e) {
            throw new StorageException("cannot open segment " + absolute + ": " + e.getMessage(), e);
        }
    }

    /** Segments this process created and has not closed yet. */
    public synchronized List<Segment> owned() {
        return new ArrayList<>(owned);
    }

    /** Number of live mappings in this process (for tests and diagnostics). */
    public synchronized int mappingCount() {
        return mappings.size();
    }

    private Mapping map(Path path, FileChannel channel, boolean writable) throws IOException {
        long size = channel.size();
        if (size == 0) {
            throw new StorageException("segment " + path + " is empty (0 bytes): it was never written");
        }
        Arena arena = Arena.ofShared();
        MemorySegment memory;
        try {
            memory = channel.map(writable ? FileChannel.MapMode.READ_WRITE : FileChannel.MapMode.READ_ONLY,
                    0, size, arena);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
        Mapping.Key key = new Mapping.Key(path, writable);
        Mapping mapping = new Mapping(key, arena, memory, this::unmapped);
        mapping.retain();
        synchronized (this) {
            mappings.putIfAbsent(key, mapping);
        }
        return mapping;
    }

    private synchronized void unmapped(Mapping mapping) {
        mappings.remove(mapping.key(), mapping);
    }

    private synchronized void forget(Path path) {
        owned.removeIf(segment -> segment.path().equals(path));
        space.forget(path);
    }

    private Backing resolve(Backing backing, long bytes) {
        if (backing != Backing.AUTO) {
            return backing;
        }
        try {
            return bytes <= freeShmBytes() * (1 - AUTO_SHM_HEADROOM) ? Backing.SHM : Backing.MMAP;
        } catch (IOException e) {
            return Backing.MMAP;
        }
    }

    private String shmFreeForMessage() {
        try {
            return SegmentSpace.describe(freeShmBytes());
        } catch (IOException | StorageException e) {
            return "too little";
        }
    }

    private long freeShmBytes() throws IOException {
        return space.free(Backing.SHM, owned());
    }

    private Backing backingOf(Path path) {
        return path.startsWith(context.shmRoot()) ? Backing.SHM
                : path.startsWith(context.spillRoot()) ? Backing.MMAP
                : path.toString().startsWith("/dev/shm/") ? Backing.SHM : Backing.MMAP;
    }

    private void removeOwnRunDirectories() {
        List<Segment> open;
        synchronized (this) {
            open = new ArrayList<>(owned);
        }
        for (Segment segment : open) {
            try {
                segment.close();
            } catch (RuntimeException e) {
                // Exiting anyway; the directory removal below catches what is left.
            }
        }
        List<Path> directories;
        synchronized (this) {
            directories = runDirectories.values().stream().map(RunDirectory::path).toList();
        }
        directories.forEach(SegmentSweeper::deleteTree);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // Nothing more to do: the sweep removes it with the run directory.
        }
    }
}

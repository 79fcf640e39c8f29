package dev.shard.runtime.worker;

import dev.shard.storage.SharedReference;
import dev.shard.storage.arrow.SharedTableHandle;
import dev.shard.storage.buffer.BufferReference;
import dev.shard.storage.share.SharedHandle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The inputs and outputs a worker keeps mapped across runs. Mapping a segment again for
 * every run costs a page fault per page touched and an arena close per view; a pool
 * running the same data many times pays that once.
 *
 * <p>An entry is only reused while its file is the one that was mapped: before each reuse
 * (and on every {@link #sweep()}) the file is looked up again, and an entry whose file is
 * gone (the owner released it) or was replaced (another file key) is closed and dropped.
 * A released input then fails on its next open, as it would without this cache, and its
 * memory is given back when the cache lets go. A user's file that a reference only reads
 * ({@link SharedReference#readOnlyFile()}, e.g. an Arrow IPC file a query scans) is kept
 * too, and also mapped again when its size or modification time changed (rewritten in
 * place). References whose file is not known here are opened per run and not kept. Used
 * by the worker's conductor thread only.
 */
final class OpenedReferences implements AutoCloseable {
    /** Kept views beyond this many are closed, least recently used first. */
    static final int MAX_ENTRIES = 32;

    private record Entry(AutoCloseable view, Path file, boolean userFile, Object fileKey, String description) {
    }

    private final Map<Object, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long opens;
    private long generation;

    /**
     * The view of {@code reference}, mapped now or kept from an earlier run if its file is
     * still the same. {@code kept} is false when the caller owns the view and must close it.
     */
    Opened acquire(SharedReference<?> reference) {
        Path file = fileOf(reference);
        if (file == null) {
            opens++;
            return new Opened(reference.open(), false);
        }
        boolean userFile = reference.readOnlyFile() != null;
        Object key = keyOf(reference);
        Entry entry = entries.get(key);
        if (entry != null) {
            if (Objects.equals(identity(entry.file(), entry.userFile()), entry.fileKey())) {
                return new Opened(entry.view(), true);
            }
            // Close before opening again: the segment store shares one mapping per path.
            entries.remove(key);
            drop(entry);
        }
        // The file key is read before mapping: if the file is replaced in between, the next
        // check sees a newer key and maps again, rather than keeping a stale mapping.
        Object fileKey = identity(file, userFile);
        opens++;
        AutoCloseable view = reference.open();
        if (fileKey == null) {
            return new Opened(view, false);
        }
        entries.put(key, new Entry(view, file, userFile, fileKey, reference.describe()));
        return new Opened(view, true);
    }

    /** A view and whether this cache keeps it (else the run closes it at its end). */
    record Opened(AutoCloseable view, boolean kept) {
    }

    /** Closes and drops every entry whose file is gone or replaced. */
    void sweep() {
        Iterator<Entry> iterator = entries.values().iterator();
        while (iterator.hasNext()) {
            Entry entry = iterator.next();
            if (!Objects.equals(identity(entry.file(), entry.userFile()), entry.fileKey())) {
                iterator.remove();
                drop(entry);
            }
        }
    }

    int size() {
        return entries.size();
    }

    /** How many times a reference was really opened (mapped) in this process. */
    long opens() {
        return opens;
    }

    List<String> describe() {
        List<String> lines = new ArrayList<>();
        entries.values().forEach(entry -> lines.add(entry.description()));
        return lines;
    }

    /**
     * Counts the views this cache has closed. While it stays the same, every view handed
     * out since is still open and maps the current file.
     */
    long generation() {
        return generation;
    }

    /** True when this cache keeps views of {@code reference} across runs (its file is known). */
    static boolean keeps(SharedReference<?> reference) {
        return fileOf(reference) != null;
    }

    @Override
    public void close() {
        entries.values().forEach(this::drop);
        entries.clear();
    }

    private void drop(Entry entry) {
        generation++;
        closeQuietly(entry);
    }

    /**
     * Closes the least recently used views beyond {@link #MAX_ENTRIES}. Called between
     * runs only: a run may use more references than the bound, all open until its end.
     */
    void trim() {
        Iterator<Entry> iterator = entries.values().iterator();
        while (entries.size() > MAX_ENTRIES && iterator.hasNext()) {
            Entry eldest = iterator.next();
            iterator.remove();
            drop(eldest);
        }
    }

    /**
     * Equal keys describe the same view. A shared array handle compares its shape array by
     * identity, so its one-line encoding (every field) stands for it; the other kinds kept
     * here compare by value.
     */
    private static Object keyOf(SharedReference<?> reference) {
        return reference instanceof SharedHandle handle ? handle.encode() : reference;
    }

    /** Instanceof tests, not a pattern switch: see {@code ValueCodec#encode} (an open type, a first-use bootstrap). */
    private static Path fileOf(SharedReference<?> reference) {
        if (reference instanceof SharedHandle handle) {
            return handle.file();
        }
        if (reference instanceof BufferReference buffer) {
            return buffer.path();
        }
        if (reference instanceof SharedTableHandle table) {
            return table.file();
        }
        return reference.readOnlyFile();
    }

    /**
     * What must stay equal for a kept view to be current: the file's identity, and for a
     * user's file also its size and modification time. Segments are not checked that way:
     * output buffers are written during runs, and a segment is never rewritten in place.
     */
    private static Object identity(Path file, boolean userFile) {
        if (!userFile) {
            return fileKey(file);
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            Object fileKey = attributes.fileKey();
            return fileKey == null ? null : List.of(fileKey, attributes.size(), attributes.lastModifiedTime());
        } catch (IOException e) {
            return null;
        }
    }

    /** The file's identity (device and inode), or null when it does not exist. */
    private static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private static void closeQuietly(Entry entry) {
        try {
            entry.view().close();
        } catch (Exception e) {
            System.err.println("shard worker: closing " + entry.description() + " failed: " + e);
        }
    }
}

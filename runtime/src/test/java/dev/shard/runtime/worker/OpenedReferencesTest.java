package dev.shard.runtime.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.protocol.ValueCodec;
import dev.shard.runtime.testing.SegmentArray;
import dev.shard.storage.SharedReference;
import dev.shard.storage.StorageException;
import dev.shard.storage.layout.ElementType;
import dev.shard.storage.buffer.BufferSpec;
import dev.shard.storage.buffer.OutputBuffer;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.segment.Segment;
import dev.shard.storage.segment.SegmentStore;
import dev.shard.storage.share.Shared;
import dev.shard.storage.share.SharedDoubleArray;
import dev.shard.storage.share.SharedHandle;
import dev.shard.storage.share.SharedInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real segments in this process: what the worker's cache of opened references keeps, reuses and lets go. */
class OpenedReferencesTest {
    private final OpenedReferences cache = new OpenedReferences();

    @AfterEach
    void closeCache() {
        cache.close();
        assertEquals(List.of(), SegmentStore.shared().owned(), "segments left open");
    }

    /** What a worker receives: a copy made by serialization, equal in bytes but not the same object. */
    private static SharedReference<?> asReceived(SharedReference<?> reference) {
        return (SharedReference<?>) ValueCodec.decode(ValueCodec.encode(reference));
    }

    @Test
    void aReferenceReceivedAgainReusesTheViewWithoutOpening() {
        try (SharedInput input = Shared.share(new double[] {1, 2, 3})) {
            OpenedReferences.Opened first = cache.acquire(asReceived(input.handle()));
            OpenedReferences.Opened second = cache.acquire(asReceived(input.handle()));
            assertTrue(first.kept() && second.kept());
            assertSame(first.view(), second.view());
            assertEquals(1, cache.opens());
            assertEquals(3.0, ((SharedDoubleArray) second.view()).get(2));
        }
    }

    @Test
    void aReleasedInputFailsClearlyAndIsLetGo() {
        SharedHandle handle;
        try (SharedInput input = Shared.share(new double[] {1, 2, 3})) {
            handle = input.handle();
            cache.acquire(asReceived(handle));
        }
        StorageException released = assertThrows(StorageException.class, () -> cache.acquire(asReceived(handle)));
        assertTrue(released.getMessage().startsWith("no segment at " + handle.path()), released.getMessage());
        assertTrue(released.getMessage().contains("was released by its owner"), released.getMessage());
        assertEquals(0, cache.size(), "the view of the released input was closed");
        assertEquals(0, SegmentStore.shared().mappingCount(), "nothing of the released input stays mapped");
    }

    @Test
    void aSweepLetsGoOfViewsWhoseFileIsGone() {
        try (SharedInput kept = Shared.share(new double[] {4})) {
            try (SharedInput released = Shared.share(new double[] {5})) {
                cache.acquire(asReceived(kept.handle()));
                cache.acquire(asReceived(released.handle()));
                assertEquals(2, cache.size());
            }
            cache.sweep();
            assertEquals(List.of(kept.handle().describe()), cache.describe());
        }
    }

    @Test
    void aFileReplacedAtTheSamePathIsMappedAgainNotReadStale(@TempDir Path directory) throws Exception {
        try (SharedInput original = Shared.share(new double[] {1, 1});
                SharedInput replacement = Shared.share(new double[] {2, 2})) {
            // A file only the cache maps, as in a worker (the owner's own mapping would be shared by path).
            Path file = directory.resolve("values");
            Files.copy(original.handle().file(), file);
            SharedHandle source = original.handle();
            SharedHandle handle = new SharedHandle(file.toString(), source.backing(), source.offset(),
                    source.length(), source.type(), source.shape());
            assertEquals(1.0, ((SharedDoubleArray) cache.acquire(asReceived(handle)).view()).get(0));
            // A new file (another inode) now sits at the path the cache has mapped.
            Files.copy(replacement.handle().file(), file, StandardCopyOption.REPLACE_EXISTING);
            OpenedReferences.Opened again = cache.acquire(asReceived(handle));
            assertEquals(2.0, ((SharedDoubleArray) again.view()).get(0), "the new file's data, not the old mapping's");
            assertEquals(2, cache.opens());
            assertEquals(1, cache.size());
        }
    }

    /** A user's file read by each worker itself (as a query's Arrow file is); its view counts its closes. */
    private record UserFile(String path) implements SharedReference<UserFile.View> {
        static final List<View> OPENED = new ArrayList<>();

        @Override
        public View open() {
            try {
                View view = new View(Files.readString(Path.of(path)));
                OPENED.add(view);
                return view;
            } catch (java.io.IOException e) {
                throw new StorageException("cannot read " + path + ": " + e, e);
            }
        }

        @Override
        public String describe() {
            return "user file " + path;
        }

        @Override
        public Path readOnlyFile() {
            return Path.of(path);
        }

        static final class View implements AutoCloseable {
            final String text;
            boolean closed;

            View(String text) {
                this.text = text;
            }

            @Override
            public void close() {
                closed = true;
            }
        }
    }

    @Test
    void aUserFileIsKeptAcrossRunsAndOpenedAgainWhenRewrittenInPlace(@TempDir Path directory) throws Exception {
        UserFile.OPENED.clear();
        Path file = directory.resolve("table.arrow");
        Files.writeString(file, "first");
        UserFile reference = new UserFile(file.toString());
        OpenedReferences.Opened first = cache.acquire(asReceived(reference));
        OpenedReferences.Opened second = cache.acquire(asReceived(reference));
        assertTrue(first.kept() && OpenedReferences.keeps(reference));
        assertSame(first.view(), second.view(), "an unchanged file is not opened again");
        assertEquals(1, cache.opens());
        // Same inode, new contents and size: what a program rewriting the file in place leaves.
        Files.writeString(file, "second, longer");
        OpenedReferences.Opened rewritten = cache.acquire(asReceived(reference));
        assertEquals("second, longer", ((UserFile.View) rewritten.view()).text);
        assertTrue(UserFile.OPENED.getFirst().closed, "the view of the old contents was closed");
        assertEquals(2, cache.opens());
        Files.delete(file);
        cache.sweep();
        assertEquals(0, cache.size(), "a deleted file's view is let go");
        assertTrue(UserFile.OPENED.getLast().closed);
    }

    @Test
    void outputBuffersAreKeptToo() {
        try (OutputBuffer buffer = OutputBuffer.create(BufferSpec.vector(ElementType.DOUBLE, 4))) {
            OpenedReferences.Opened first = cache.acquire(asReceived(buffer.reference()));
            ((OutputBuffer) first.view()).setDouble(1, 7.5);
            assertSame(first.view(), cache.acquire(asReceived(buffer.reference())).view());
            assertEquals(7.5, buffer.getDouble(1));
        }
    }

    @Test
    void referencesOfUnknownKindAreOpenedPerRunAndNotKept() {
        Segment segment = SegmentStore.shared().create("opened-references-test", 64, Backing.SHM);
        try (segment) {
            OpenedReferences.Opened opened = cache.acquire(SegmentArray.Reference.readOnly(segment));
            assertFalse(opened.kept(), "the caller closes what the cache cannot check");
            assertEquals(0, cache.size());
            ((AutoCloseable) opened.view()).close();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void betweenRunsTheCacheIsTrimmedToItsBoundLeastRecentlyUsedFirst() {
        List<SharedInput> inputs = new ArrayList<>();
        try {
            for (int i = 0; i <= OpenedReferences.MAX_ENTRIES; i++) {
                inputs.add(Shared.share(new double[] {i}));
                cache.acquire(asReceived(inputs.getLast().handle()));
            }
            cache.acquire(asReceived(inputs.getFirst().handle()));
            assertEquals(OpenedReferences.MAX_ENTRIES + 1, cache.size(), "a run keeps everything it opened");
            cache.trim();
            assertEquals(OpenedReferences.MAX_ENTRIES, cache.size());
            assertFalse(cache.describe().contains(inputs.get(1).handle().describe()), "the least recently used went");
            assertTrue(cache.describe().contains(inputs.getFirst().handle().describe()));
        } finally {
            cache.close();
            inputs.forEach(SharedInput::close);
        }
    }
}

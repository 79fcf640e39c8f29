package dev.shard.storage.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shard.storage.segment.SegmentStore;
import dev.shard.storage.segment.StorageContext;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test class whose segments live in a store of their own under a temporary
 * directory; after each test nothing it owns may still be open or mapped.
 */
public abstract class IsolatedStoreTest {
    @TempDir
    protected Path temporary;
    protected SegmentStore store;

    @BeforeEach
    void openIsolatedStore() {
        store = new SegmentStore(new StorageContext(temporary.resolve("shm"), temporary.resolve("spill")));
    }

    @AfterEach
    void nothingLeftOpen() {
        assertEquals(0, store.owned().size(), "a test left owned segments open");
        assertEquals(0, store.mappingCount(), "a test left mappings open");
    }
}

package dev.shard.storage.segment;

import dev.shard.storage.StorageException;
import java.util.Locale;

/** Where a segment's pages live. */
public enum Backing {
    /**
     * tmpfs (default {@code /dev/shm/shard-<uid>}): RAM, shared by every process. A
     * segment's pages are reserved when it is created (they count as shared memory from
     * then on), and a segment larger than the space still free there is refused.
     */
    SHM,
    /** A file in the spill directory: for data larger than free RAM; pages come and go. */
    MMAP,
    /** {@link #SHM} when the data fits in free tmpfs space, else {@link #MMAP}. */
    AUTO;

    public static Backing parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new StorageException("unknown backing '" + text + "': use auto, shm or mmap");
        }
    }

    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

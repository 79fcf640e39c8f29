package dev.shard.storage.share;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shard.storage.segment.Backing;
import dev.shard.storage.segment.SegmentStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** End-of-class checks that tests left nothing of theirs in this process's run directories. */
public final class SharedStorageChecks {
    private SharedStorageChecks() {
    }

    /** Fails when a file whose name starts with one of {@code prefixes} is left in our run directories. */
    public static void assertNoSharedFilesLeft(String... prefixes) throws IOException {
        SegmentStore store = SegmentStore.shared();
        for (Backing backing : List.of(Backing.SHM, Backing.MMAP)) {
            Path directory = store.runDirectory(backing);
            try (Stream<Path> files = Files.walk(directory)) {
                List<Path> left = files.filter(Files::isRegularFile)
                        .filter(file -> Stream.of(prefixes).anyMatch(prefix -> file.getFileName().toString().startsWith(prefix)))
                        .toList();
                assertEquals(List.of(), left, "files left behind in " + directory);
            }
        }
        assertEquals(List.of(), store.owned().stream().map(Object::toString)
                .filter(name -> Stream.of(prefixes).anyMatch(name::contains)).toList(), "owned segments left open");
    }
}

package dev.shard.planner.run;

import dev.shard.storage.SharedReference;
import dev.shard.storage.arrow.ArrowFiles;
import dev.shard.storage.arrow.SharedArrowTable;
import java.nio.file.Path;

/** An Arrow IPC file that each worker maps zero-copy itself (a string path: Path is not serializable). */
public record ArrowFileReference(String path) implements SharedReference<SharedArrowTable> {
    @Override
    public SharedArrowTable open() {
        return ArrowFiles.open(Path.of(path));
    }

    /** Kept mapped by a worker across queries while the file is unchanged (a user's file is never written here). */
    @Override
    public Path readOnlyFile() {
        return Path.of(path);
    }

    @Override
    public String describe() {
        return "arrow file " + path;
    }
}

package dev.shard.examples.shared;

import dev.shard.storage.SharedReference;
import dev.shard.storage.segment.Access;
import dev.shard.storage.segment.Segment;
import dev.shard.storage.segment.SegmentStore;
import java.nio.file.Path;

/**
 * A segment by path, opened read-only (a borrowed input) or read-write (an output
 * buffer) in whichever process calls {@link #open()}.
 *
 * @param path   absolute path of the segment file (a string: {@link Path} is not serializable)
 * @param access how the opening process maps it
 */
public record SegmentReference(String path, Access access) implements SharedReference<Segment> {
    public static SegmentReference input(Segment segment) {
        return new SegmentReference(segment.path().toString(), Access.READ_ONLY);
    }

    public static SegmentReference output(Segment segment) {
        return new SegmentReference(segment.path().toString(), Access.READ_WRITE);
    }

    @Override
    public Segment open() {
        return SegmentStore.shared().open(Path.of(path), access);
    }

    @Override
    public String describe() {
        return "segment " + path + (access == Access.READ_ONLY ? " (read-only)" : " (read-write)");
    }
}

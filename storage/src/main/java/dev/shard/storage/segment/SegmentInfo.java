package dev.shard.storage.segment;

import java.nio.file.Path;
import java.util.Optional;

/** What a segment is: where, how big, how it is backed, and who owns it. */
public record SegmentInfo(
        Path path,
        long size,
        Backing backing,
        boolean readOnly,
        boolean owner,
        Optional<ProcessIdentity> ownerProcess) {
}

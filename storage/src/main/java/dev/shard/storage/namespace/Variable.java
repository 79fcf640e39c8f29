package dev.shard.storage.namespace;

import dev.shard.storage.SharedReference;
import dev.shard.storage.segment.ProcessIdentity;
import java.time.Instant;

/**
 * A registered variable as every process sees it.
 *
 * @param namespace the namespace it lives in
 * @param name its name, unique in the namespace among live owners
 * @param owner the process that registered it
 * @param registered when it was registered
 * @param reference what to open: a {@link dev.shard.storage.share.SharedHandle} or a
 *     {@link dev.shard.storage.arrow.SharedTableHandle}
 */
public record Variable(String namespace, String name, ProcessIdentity owner, Instant registered,
        SharedReference<?> reference) {
}

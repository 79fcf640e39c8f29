/**
 * Shared memory for shard: segments, typed layouts, shared arrays and Arrow tables,
 * namespaces, output buffers, copy and /proc accounting. Every package is API: the
 * runtime and users both open, share and read these types.
 */
module dev.shard.storage {
    requires transitive org.apache.arrow.vector;
    requires transitive org.apache.arrow.memory.core;
    requires org.apache.arrow.format;
    requires flatbuffers.java;

    exports dev.shard.storage;
    exports dev.shard.storage.arrow;
    exports dev.shard.storage.buffer;
    exports dev.shard.storage.copy;
    exports dev.shard.storage.layout;
    exports dev.shard.storage.memory;
    exports dev.shard.storage.namespace;
    exports dev.shard.storage.segment;
    exports dev.shard.storage.share;
}

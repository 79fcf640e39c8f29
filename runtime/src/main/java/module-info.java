/**
 * The shard runtime: a pool of supervised worker JVMs running kernels over shared memory.
 * Exported: the API users call ({@code api}), the contract kernels and planners are written
 * against ({@code task}), the shard-size tuner ({@code tune}) and the run report ({@code report}). The driver, the worker, the
 * wire protocol, supervision and the built-in kernels stay inside; their classes are public
 * only so that the pool can reach them across packages.
 */
module dev.shard.runtime {
    requires transitive dev.shard.storage;
    requires java.management;
    requires io.netty.buffer;
    requires io.netty.common;
    requires org.slf4j;
    // The run report's JSON (driver only; the streaming generator, not databind).
    requires com.fasterxml.jackson.core;

    exports dev.shard.runtime.api;
    exports dev.shard.runtime.report;
    exports dev.shard.runtime.task;
    exports dev.shard.runtime.tune;
}

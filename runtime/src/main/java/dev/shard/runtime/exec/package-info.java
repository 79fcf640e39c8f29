/** Execution inside a worker that does not depend on the transport: per-shard random streams, apply helpers. */
package dev.shard.runtime.exec;

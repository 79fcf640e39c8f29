/** Supervision: when to recycle a worker (a pure policy) and the /proc memory sampler. */
package dev.shard.runtime.supervise;

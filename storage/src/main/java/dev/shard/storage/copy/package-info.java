/** Accounting of every copy out of shared memory into private memory. */
package dev.shard.storage.copy;

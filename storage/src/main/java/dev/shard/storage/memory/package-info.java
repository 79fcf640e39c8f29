/** Memory figures of a process read from /proc, private apart from shared. */
package dev.shard.storage.memory;

/** Byte layouts of the shared formats: one descriptor class owns each layout. */
package dev.shard.storage.layout;

/**
 * Arrow tables in shared memory, read zero-copy: {@link dev.shard.storage.arrow.ArrowShare}
 * writes a table into a segment in Arrow IPC file format, {@link dev.shard.storage.arrow.SharedTableHandle}
 * opens it in any process, and {@link dev.shard.storage.arrow.ArrowFiles} opens IPC files on
 * disk (written by any Arrow implementation) the same way. Views are
 * {@link dev.shard.storage.arrow.SharedArrowTable}s whose vectors point into a copy-on-write
 * mapping that the table keeps alive until its vectors are closed.
 */
package dev.shard.storage.arrow;

/**
 * Shared inputs: arrays and column-major matrices put into a segment once and opened by
 * any process zero-copy through a small serializable {@link dev.shard.storage.share.SharedHandle}.
 *
 * <p>The owner holds a {@link dev.shard.storage.share.SharedInput} (closing it unlinks the
 * data); readers hold read-only views ({@link dev.shard.storage.share.SharedArray} and its
 * typed subclasses). Big inputs are filled in place through a
 * {@link dev.shard.storage.share.SharedWriter} and then published. Every copy back into the
 * heap ({@code fetch}, {@code materialize}, {@code toArray}) is counted by the copy ledger.
 */
package dev.shard.storage.share;

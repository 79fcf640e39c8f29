/**
 * Output buffers: typed shared arrays (vector, column-major matrix, N-d array) that
 * workers write into directly instead of sending results back through the driver.
 *
 * <p>A buffer is one segment holding an {@link dev.shard.storage.layout.ArrayDescriptor}
 * header of kind {@code OUTPUT_BUFFER} followed by the elements; the descriptor owns
 * the byte layout. Writers of disjoint slices need no lock; the last write wins.
 */
package dev.shard.storage.buffer;

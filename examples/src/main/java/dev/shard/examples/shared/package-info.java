/**
 * Typed arrays in shared segments for the examples: created by the driver with an
 * {@link dev.shard.storage.layout.ArrayDescriptor} header, opened by workers through a
 * serializable {@link dev.shard.storage.SharedReference}.
 */
package dev.shard.examples.shared;

/**
 * Storage: file-backed shared memory that several JVMs map without copying.
 *
 * <p>Everything here is process-agnostic: a segment created in one JVM is opened by
 * path in another. Higher layers (runtime, planner) never touch files directly.
 */
package dev.shard.storage;

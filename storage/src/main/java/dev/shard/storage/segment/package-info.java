/**
 * Segments: named, file-backed shared mappings (tmpfs or a spill directory), owned by
 * the process that created them and borrowed read-only by others.
 *
 * <p>Layout on disk: {@code <root>/<run-id>/owner} records the owning process (pid and
 * start time) so that a sweep can remove the directories of dead processes;
 * {@code <root>/<run-id>/<name>.seg} are the segments.
 */
package dev.shard.storage.segment;

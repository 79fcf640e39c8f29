/**
 * The reference workloads: the row-indexed data generator every system shares, data
 * generators writing straight into memory segments, and single-threaded reference
 * checksums that the parallel runs are compared against.
 */
package dev.shard.examples.workload;

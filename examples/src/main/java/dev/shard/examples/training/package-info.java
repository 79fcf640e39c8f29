/**
 * The workload {@code bin/shard} records its start-up caches with: one pool that runs the
 * W1 kernel and tiny tasks long enough for their hot methods to reach the optimizing
 * compiler, so the driver's and the workers' AOT caches hold those methods' profiles.
 */
package dev.shard.examples.training;

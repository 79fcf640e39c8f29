/**
 * The tiny-tasks example (workload W4): many one-item tasks that each write one value
 * into a shared buffer, measuring dispatch throughput, optionally spinning and leaking
 * heap to exercise the pool's memory-drift recycling.
 */
package dev.shard.examples.tiny;

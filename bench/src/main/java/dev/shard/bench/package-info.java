/**
 * Benchmarks: an end-to-end harness ({@link dev.shard.bench.RuntimeBenchmarks}, run by
 * {@code bench/run.sh}) that reports medians and spreads over repeated runs, and JMH
 * benchmarks for per-call costs.
 */
package dev.shard.bench;

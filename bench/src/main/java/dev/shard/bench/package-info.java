/**
 * Benchmarks. The end-to-end harness {@code RuntimeBenchmarks} (run by
 * {@code bench/run.sh}) reports medians and spreads over repeated runs. JMH benchmarks
 * cover per-call costs: build with {@code ./mvnw -q -B package -pl bench -am -DskipTests},
 * run with {@code java <flags> -jar bench/target/benchmarks.jar <regex>}; see bench/README.md.
 */
package dev.shard.bench;

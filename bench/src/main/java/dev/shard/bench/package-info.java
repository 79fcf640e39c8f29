/**
 * JMH benchmarks. Build with {@code ./mvnw -q -B package -pl bench -am -DskipTests}, run with
 * {@code java <flags> -jar bench/target/benchmarks.jar <regex>}; see bench/README.md.
 */
package dev.shard.bench;

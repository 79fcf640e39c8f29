/**
 * Runnable example programs over the reference workloads, found by the command line
 * ({@code bin/shard example <name>}) through {@link dev.shard.dsl.cli.ExampleProgram}.
 */
package dev.shard.examples;

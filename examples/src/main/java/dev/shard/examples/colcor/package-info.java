/**
 * The colcor example (workload W1): Pearson correlation of every column of a shared
 * column-major matrix with a shared vector, as a pure kernel, as in-process baseline
 * loops over the same memory, and as a program run by worker processes.
 */
package dev.shard.examples.colcor;

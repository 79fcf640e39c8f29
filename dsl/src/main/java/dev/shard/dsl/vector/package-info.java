/**
 * Built-in vector functions over doubles in shared memory (sum, mean, var, sd, min, max,
 * norm, dot, cor), run as tight loops by script apply bodies and by the W1 example kernel;
 * {@code read_matrix} files read as matrices ({@link dev.shard.dsl.vector.MatrixFile}).
 */
package dev.shard.dsl.vector;

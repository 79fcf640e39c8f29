package dev.shard.examples.workload;

import dev.shard.planner.expr.Generator;

/**
 * The reference data generator of WORKLOADS.md, under the names the workloads use: every
 * value is a pure function of (stream, row), so every system sees bit-identical inputs
 * without reading files. The arithmetic lives once, in the engine's {@link Generator}, so
 * the examples and the engine's {@code generate} cannot drift apart.
 */
public final class ReferenceGenerator {
    private ReferenceGenerator() {
    }

    /** SplitMix64's output function applied to {@code x + golden gamma}. */
    public static long splitMix(long x) {
        return Generator.splitMix(x);
    }

    /** H(s, i): the 64-bit hash of row {@code row} in stream {@code stream} (both below 2^32). */
    public static long hash(long stream, long row) {
        return Generator.hash(stream, row);
    }

    /** U(s, i): a double in [0, 1) from the top 53 bits of the hash. */
    public static double uniform(long stream, long row) {
        return Generator.uniform(stream, row);
    }

    /** K(s, i, m): an int in [0, m), exact for any m below 2^31. */
    public static int key(long stream, long row, int modulus) {
        return (int) Generator.randomInt(modulus, stream, row);
    }
}

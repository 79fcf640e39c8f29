package dev.shard.planner.expr;

/**
 * The reference data generator of WORKLOADS.md: every value is a pure function of
 * (stream, row), so a generated table is the same on every machine, for every worker
 * count and shard layout, and other engines can produce the same input.
 *
 * <p>All arithmetic is unsigned 64-bit modulo 2<sup>64</sup>: Java's {@code long}
 * wrap-around with {@code >>>} shifts. Streams and rows are below 2<sup>32</sup>.
 */
public final class Generator {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final long MIX_1 = 0xBF58476D1CE4E5B9L;
    private static final long MIX_2 = 0x94D049BB133111EBL;
    /** 2^-53: turns the top 53 bits into a double in [0, 1). */
    private static final double UNIT = 0x1.0p-53;
    private static final long LIMIT = 1L << 32;
    /** Below this modulus the 53-bit product fits in 64 bits. */
    private static final long SMALL_MODULUS = 1L << 11;

    private Generator() {
    }

    /** SM(x): SplitMix64's output function applied to {@code x + golden gamma}. */
    public static long splitMix(long x) {
        long z = x + GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * MIX_1;
        z = (z ^ (z >>> 27)) * MIX_2;
        return z ^ (z >>> 31);
    }

    /** H(s, i). */
    public static long hash(long stream, long row) {
        checkRange("stream", stream);
        checkRange("row", row);
        return splitMix((stream << 32) + row);
    }

    /** U(s, i): a double in [0, 1). */
    public static double uniform(long stream, long row) {
        return (hash(stream, row) >>> 11) * UNIT;
    }

    /** lo + (hi − lo) · U(s, i), in that order of operations. */
    public static double uniform(double low, double high, long stream, long row) {
        return low + (high - low) * uniform(stream, row);
    }

    /** K(s, i, m) = floor((H >>> 11) · m / 2^53): an integer in [0, m) for any m below 2^32. */
    public static long randomInt(long modulus, long stream, long row) {
        if (modulus <= 0 || modulus >= LIMIT) {
            throw new IllegalArgumentException("random_int: m must be in [1, 2^32), got " + modulus);
        }
        long bits = hash(stream, row) >>> 11;
        if (modulus < SMALL_MODULUS) {
            return (bits * modulus) >>> 53;
        }
        return Math.multiplyHigh(bits, modulus) << 11 | (bits * modulus) >>> 53;
    }

    /**
     * A standard normal value by Box–Muller: u1 = U(s, i), u2 = the top 53 bits of
     * SM(H(s, i)) · 2^-53, z = sqrt(−2 ln(1 − u1)) · cos(2π u2). 1 − u1 is in (0, 1], so
     * the logarithm is finite.
     */
    public static double normal(long stream, long row) {
        long first = hash(stream, row);
        double u1 = (first >>> 11) * UNIT;
        double u2 = (splitMix(first) >>> 11) * UNIT;
        return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    private static void checkRange(String what, long value) {
        if (value < 0 || value >= LIMIT) {
            throw new IllegalArgumentException(what + " must be in [0, 2^32), got " + value);
        }
    }
}

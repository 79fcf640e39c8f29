package dev.shard.examples.workload;

/**
 * The reference data generator: every value is a pure function of (stream, row), so
 * every system sees bit-identical inputs without reading files.
 *
 * <p>All arithmetic is unsigned 64-bit modulo 2<sup>64</sup>, which is Java's
 * {@code long} wrap-around with {@code >>>} shifts.
 */
public final class ReferenceGenerator {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final long MIX_1 = 0xBF58476D1CE4E5B9L;
    private static final long MIX_2 = 0x94D049BB133111EBL;
    /** 2^-53: turns the top 53 bits into a double in [0, 1). */
    private static final double UNIT = 0x1.0p-53;
    private static final long STREAM_LIMIT = 1L << 32;

    private ReferenceGenerator() {
    }

    /** SplitMix64's output function applied to {@code x + golden gamma}. */
    public static long splitMix(long x) {
        long z = x + GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * MIX_1;
        z = (z ^ (z >>> 27)) * MIX_2;
        return z ^ (z >>> 31);
    }

    /** H(s, i): the 64-bit hash of row {@code row} in stream {@code stream} (both below 2^32). */
    public static long hash(long stream, long row) {
        checkRange("stream", stream);
        checkRange("row", row);
        return splitMix((stream << 32) + row);
    }

    /** U(s, i): a double in [0, 1) from the top 53 bits of the hash. */
    public static double uniform(long stream, long row) {
        return (hash(stream, row) >>> 11) * UNIT;
    }

    /**
     * K(s, i, m): an int in [0, m) as {@code ((H >>> 11) * m) >>> 53}. The product is
     * taken modulo 2^64 exactly as specified; with m below 2^11 it never wraps.
     */
    public static int key(long stream, long row, int modulus) {
        if (modulus <= 0) {
            throw new IllegalArgumentException("key modulus must be positive, got " + modulus);
        }
        return (int) (((hash(stream, row) >>> 11) * modulus) >>> 53);
    }

    private static void checkRange(String what, long value) {
        if (value < 0 || value >= STREAM_LIMIT) {
            throw new IllegalArgumentException(what + " must be in [0, 2^32), got " + value);
        }
    }
}

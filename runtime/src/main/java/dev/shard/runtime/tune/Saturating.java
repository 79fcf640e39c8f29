package dev.shard.runtime.tune;

/** Long arithmetic that stops at Long.MAX_VALUE instead of wrapping: sizes near 2^63 stay sizes. */
final class Saturating {
    private Saturating() {
    }

    static long add(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    static long multiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }

    /** ceil(value), or Long.MAX_VALUE when it does not fit. */
    static long ceil(double value) {
        double up = Math.ceil(value);
        return up >= 0x1p63 ? Long.MAX_VALUE : (long) up;
    }

    /** The smallest multiple of {@code block} ≥ value, or the largest multiple that fits. */
    static long roundUp(long value, long block) {
        long blocks = Math.ceilDiv(value, block);
        return blocks > Long.MAX_VALUE / block ? Long.MAX_VALUE / block * block : blocks * block;
    }

    static long roundDown(long value, long block) {
        return value / block * block;
    }
}

package dev.shard.runtime.driver;

/**
 * The 96-bit hash that names a worker AOT cache after what the JVM checks before accepting
 * it. Names need no cryptographic strength: nobody is an adversary here, and the JVM checks
 * the classpath and JDK itself, so a collision could only cost a refused cache, which is then
 * removed and recorded again. A {@code MessageDigest} instead set up the JDK's security
 * providers on the spawn path of a fresh driver (35-150 ms measured on 2 busy cores).
 * Two 64-bit streams over the text, FNV-1a and an FNV-1a variant with another offset basis
 * and a rotation per byte (so the two do not move together), each finished with a SplitMix64
 * mix so every input bit reaches every output bit.
 */
final class CacheNameHash {
    static final int BYTES = 12;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long FIRST_BASIS = 0xcbf29ce484222325L;
    private static final long SECOND_BASIS = 0x84222325cbf29ce4L;

    private CacheNameHash() {
    }

    static byte[] of(byte[] text) {
        long first = FIRST_BASIS;
        long second = SECOND_BASIS;
        for (byte value : text) {
            first = (first ^ (value & 0xff)) * FNV_PRIME;
            second = (second ^ (value & 0xff)) * FNV_PRIME;
            second = Long.rotateLeft(second, 5);
        }
        first = mix(first);
        second = mix(second ^ text.length);
        byte[] hash = new byte[BYTES];
        for (int index = 0; index < Long.BYTES; index++) {
            hash[index] = (byte) (first >>> (8 * index));
        }
        for (int index = Long.BYTES; index < BYTES; index++) {
            hash[index] = (byte) (second >>> (8 * (index - Long.BYTES)));
        }
        return hash;
    }

    private static long mix(long value) {
        long mixed = (value ^ (value >>> 30)) * 0xbf58476d1ce4e5b9L;
        mixed = (mixed ^ (mixed >>> 27)) * 0x94d049bb133111ebL;
        return mixed ^ (mixed >>> 31);
    }
}

package dev.shard.storage.share;

import dev.shard.storage.copy.CopyLedger;

/**
 * Child JVM of {@link CrossProcessTypedArraysTest}: opens an int, a long, a logical and a
 * raw shared array by their encoded handles and prints a position-weighted checksum of
 * each, read element by element from the mapping, then how many copies it made.
 */
public final class TypedArraysChild {
    private TypedArraysChild() {
    }

    public static void main(String[] args) {
        try (SharedIntArray ints = SharedHandle.decode(args[0]).openInts();
                SharedLongArray longs = SharedHandle.decode(args[1]).openLongs();
                SharedLogicalArray logicals = SharedHandle.decode(args[2]).openLogicals();
                SharedRawArray raw = SharedHandle.decode(args[3]).openRaw()) {
            long checksum = 0;
            for (long i = 0; i < ints.length(); i++) {
                checksum += (i + 1) * ints.get(i);
            }
            System.out.println("int " + ints.length() + " " + checksum);
            checksum = 0;
            for (long i = 0; i < longs.length(); i++) {
                checksum += (i + 1) * longs.get(i);
            }
            System.out.println("long " + longs.length() + " " + checksum);
            checksum = 0;
            for (long i = 0; i < logicals.length(); i++) {
                checksum += logicals.get(i) ? i + 1 : 0;
            }
            System.out.println("logical " + logicals.length() + " " + checksum);
            checksum = 0;
            for (long i = 0; i < raw.length(); i++) {
                checksum += (i + 1) * Byte.toUnsignedLong(raw.get(i));
            }
            System.out.println("raw " + raw.length() + " " + checksum);
        }
        System.out.println("copies " + CopyLedger.snapshot().events());
        System.exit(0);
    }
}

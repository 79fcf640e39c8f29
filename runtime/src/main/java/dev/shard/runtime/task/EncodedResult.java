package dev.shard.runtime.task;

import java.io.Serializable;

/**
 * A shard result that writes its own bytes, for results too large to pay Java serialization:
 * a stage's block partials are megabytes a shard, and ObjectOutputStream/ObjectInputStream
 * walked them on the worker and again on the driver's decode thread. The codec writes the
 * class name, then the bytes {@link #encodeInto} writes, straight into the result pack (one
 * copy); the driver hands those bytes to the {@link Reader} the class registered with
 * {@link EncodedResultReaders#register} (a static initializer is the place: the codec
 * initializes the class by name before it looks its reader up).
 */
public interface EncodedResult extends Serializable {
    /** How many bytes {@link #encodeInto} writes. */
    int encodedLength();

    /** Writes exactly {@link #encodedLength} bytes at {@code offset} of {@code target}. */
    void encodeInto(byte[] target, int offset);

    /** Makes the value back from {@code bytes[offset .. offset + length)}, which it may keep (they are not reused). */
    interface Reader {
        EncodedResult read(byte[] bytes, int offset, int length);
    }
}

package dev.shard.runtime.protocol;

import dev.shard.runtime.task.EncodedResult;
import dev.shard.runtime.task.EncodedResultReaders;
import dev.shard.runtime.task.RunDescriptor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Turns shard results and run descriptors into bytes. Common small results (null,
 * numbers, strings) get a compact form, because Java serialization costs microseconds
 * per object and tiny tasks would pay it on every shard. An {@link EncodedResult} (a stage's
 * partials, megabytes a shard) writes its own bytes after its class name; a run descriptor
 * has a layout of its own ({@link RunDescriptorCodec}). Everything else is Java-serialized.
 */
public final class ValueCodec {
    private static final byte NULL = 0;
    private static final byte LONG = 1;
    private static final byte INTEGER = 2;
    private static final byte DOUBLE = 3;
    private static final byte STRING = 4;
    /** Tag | unsigned short name length | class name, UTF-8 | the value's own bytes. */
    private static final byte ENCODED = 5;
    /** A {@link RunDescriptor} in the layout {@link RunDescriptorCodec} draws. */
    static final byte RUN_DESCRIPTOR = 6;
    private static final byte SERIALIZED = 9;

    private ValueCodec() {
    }

    /*
     * Serializable is an open type, so instanceof tests say the same as a pattern switch with a
     * default; a pattern switch is linked at first use by a bootstrap that spins a class the JDK's
     * AOT cache does not hold, on a fresh worker's first result.
     */
    public static byte[] encode(Serializable value) {
        if (value == null) {
            return new byte[] {NULL};
        }
        if (value instanceof Long number) {
            return tagged(LONG, number, Long.BYTES);
        }
        if (value instanceof Integer number) {
            return tagged(INTEGER, number, Integer.BYTES);
        }
        if (value instanceof Double number) {
            return tagged(DOUBLE, Double.doubleToRawLongBits(number), Long.BYTES);
        }
        if (value instanceof String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(1 + utf8.length).put(STRING).put(utf8).array();
        }
        if (value instanceof RunDescriptor descriptor) {
            return RunDescriptorCodec.encode(descriptor);
        }
        if (value instanceof EncodedResult encoded) {
            byte[] name = className(encoded);
            byte[] bytes = new byte[encodedLength(name, encoded)];
            writeEncoded(name, encoded, bytes, 0);
            return bytes;
        }
        return serialize(value);
    }

    /** Bytes the compact form of any value takes at most (tag and eight bytes). */
    static final int MAX_COMPACT_BYTES = 1 + Long.BYTES;

    /**
     * Writes {@code value} at {@code offset} of {@code target} when it has a fixed-size
     * compact form (null, Long, Integer, Double), the same bytes {@link #encode} makes;
     * returns the bytes written, or -1 (nothing written) for any other value. Needs
     * {@link #MAX_COMPACT_BYTES} of room. Tiny tasks' results go straight into their
     * batch's pack this way, with no array per result.
     */
    static int writeCompact(Serializable value, byte[] target, int offset) {
        if (value == null) {
            target[offset] = NULL;
            return 1;
        }
        if (value instanceof Long number) {
            return writeTagged(LONG, number, Long.BYTES, target, offset);
        }
        if (value instanceof Integer number) {
            return writeTagged(INTEGER, number, Integer.BYTES, target, offset);
        }
        if (value instanceof Double number) {
            return writeTagged(DOUBLE, Double.doubleToRawLongBits(number), Long.BYTES, target, offset);
        }
        return -1;
    }

    /** The class name an {@link EncodedResult} is written under, checked for the two-byte length. */
    static byte[] className(EncodedResult value) {
        byte[] name = value.getClass().getName().getBytes(StandardCharsets.UTF_8);
        if (name.length > 0xFFFF) {
            throw new IllegalArgumentException("an encoded result's class name takes " + name.length
                    + " bytes, at most 65535 fit: rename " + value.getClass().getSimpleName());
        }
        return name;
    }

    /** The bytes {@link #writeEncoded} writes for {@code value} under {@code name}. */
    static int encodedLength(byte[] name, EncodedResult value) {
        long length = 3L + name.length + value.encodedLength();
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a result of " + value.encodedLength() + " bytes ("
                    + value.getClass().getName() + ") exceeds an array: return smaller results per shard");
        }
        return (int) length;
    }

    /**
     * Writes {@code value} as {@link #encode} does at {@code offset} of {@code target}, which has
     * room for {@link #encodedLength}: the value's bytes go straight into a result pack.
     */
    static void writeEncoded(byte[] name, EncodedResult value, byte[] target, int offset) {
        target[offset] = ENCODED;
        target[offset + 1] = (byte) (name.length >>> 8);
        target[offset + 2] = (byte) name.length;
        System.arraycopy(name, 0, target, offset + 3, name.length);
        value.encodeInto(target, offset + 3 + name.length);
    }

    private static int writeTagged(byte tag, long bits, int size, byte[] target, int offset) {
        target[offset] = tag;
        for (int i = size; i >= 1; i--) {
            target[offset + i] = (byte) (bits >>> (8 * (size - i)));
        }
        return 1 + size;
    }

    /** A tag then the low {@code size} bytes of {@code bits}, big-endian, without a buffer per value. */
    private static byte[] tagged(byte tag, long bits, int size) {
        byte[] bytes = new byte[1 + size];
        bytes[0] = tag;
        for (int i = size; i >= 1; i--) {
            bytes[i] = (byte) (bits >>> (8 * (size - i)));
        }
        return bytes;
    }

    public static Serializable decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /**
     * Decodes the value held in {@code bytes[offset .. offset + length)}: results arrive
     * back to back in one array per batch, and reading them in place spares a copy each.
     */
    public static Serializable decode(byte[] bytes, int offset, int length) {
        if (length < 1 || offset < 0 || offset + length > bytes.length) {
            throw new IllegalArgumentException("no value at " + offset + " (+" + length + ") in " + bytes.length
                    + " bytes");
        }
        byte tag = bytes[offset];
        return switch (tag) {
            case NULL -> null;
            case LONG -> readBits(bytes, offset, length, Long.BYTES);
            case INTEGER -> (int) readBits(bytes, offset, length, Integer.BYTES);
            case DOUBLE -> Double.longBitsToDouble(readBits(bytes, offset, length, Long.BYTES));
            case STRING -> new String(bytes, offset + 1, length - 1, StandardCharsets.UTF_8);
            case ENCODED -> readEncoded(bytes, offset, length);
            case RUN_DESCRIPTOR -> RunDescriptorCodec.decode(bytes, offset, length);
            case SERIALIZED -> deserialize(bytes, offset, length);
            default -> throw new IllegalArgumentException("unknown value tag " + tag);
        };
    }

    /** The big-endian number of {@code size} bytes after the tag at {@code offset}. */
    private static long readBits(byte[] bytes, int offset, int length, int size) {
        if (length != 1 + size) {
            throw new IllegalArgumentException("a value of tag " + bytes[offset] + " takes " + (1 + size)
                    + " bytes, got " + length);
        }
        long value = 0;
        for (int i = offset + 1; i <= offset + size; i++) {
            value = (value << 8) | (bytes[i] & 0xFF);
        }
        return value;
    }

    private static Serializable readEncoded(byte[] bytes, int offset, int length) {
        int nameLength = length < 3 ? -1 : ((bytes[offset + 1] & 0xFF) << 8) | (bytes[offset + 2] & 0xFF);
        if (nameLength < 0 || 3 + nameLength > length) {
            throw new IllegalArgumentException("an encoded result of " + length + " bytes at " + offset
                    + " is cut short before its class name");
        }
        String name = new String(bytes, offset + 3, nameLength, StandardCharsets.UTF_8);
        int start = offset + 3 + nameLength;
        return EncodedResultReaders.reader(name).read(bytes, start, offset + length - start);
    }

    private static byte[] serialize(Serializable value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        serializeTo(value, bytes);
        return bytes.toByteArray();
    }

    /**
     * Writes the bytes {@link #encode} makes into {@code target}. A value without a compact
     * form is serialized straight into it: large results (a stage's block partials,
     * megabytes a shard) go into their pack instead of through a growing array and a copy.
     */
    static void encodeTo(Serializable value, OutputStream target) {
        if (value == null || value instanceof Long || value instanceof Integer || value instanceof Double
                || value instanceof String || value instanceof EncodedResult || value instanceof RunDescriptor) {
            byte[] bytes = encode(value);
            try {
                target.write(bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write an encoded value: " + e.getMessage(), e);
            }
            return;
        }
        serializeTo(value, target);
    }

    private static void serializeTo(Serializable value, OutputStream target) {
        try {
            target.write(SERIALIZED);
            // Not closed: closing would close the target; flush pushes the block data out.
            ObjectOutputStream out = new ObjectOutputStream(target);
            out.writeObject(value);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize " + value.getClass().getName() + ": " + e.getMessage()
                    + " (make every field Serializable or transient)", e);
        }
    }

    private static Serializable deserialize(byte[] bytes, int offset, int length) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes, offset + 1, length - 1))) {
            return (Serializable) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot deserialize a value: " + e
                    + " (driver and workers must run the same classpath)", e);
        }
    }
}

package dev.shard.runtime.protocol;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Turns shard results and run descriptors into bytes. Common small results (null,
 * numbers, strings) get a compact form, because Java serialization costs microseconds
 * per object and tiny tasks would pay it on every shard; everything else is Java-serialized.
 */
public final class ValueCodec {
    private static final byte NULL = 0;
    private static final byte LONG = 1;
    private static final byte INTEGER = 2;
    private static final byte DOUBLE = 3;
    private static final byte STRING = 4;
    private static final byte SERIALIZED = 9;

    private ValueCodec() {
    }

    public static byte[] encode(Serializable value) {
        return switch (value) {
            case null -> new byte[] {NULL};
            case Long number -> ByteBuffer.allocate(9).put(LONG).putLong(number).array();
            case Integer number -> ByteBuffer.allocate(5).put(INTEGER).putInt(number).array();
            case Double number -> ByteBuffer.allocate(9).put(DOUBLE).putDouble(number).array();
            case String text -> {
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                yield ByteBuffer.allocate(1 + utf8.length).put(STRING).put(utf8).array();
            }
            default -> serialize(value);
        };
    }

    public static Serializable decode(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte tag = buffer.get();
        return switch (tag) {
            case NULL -> null;
            case LONG -> buffer.getLong();
            case INTEGER -> buffer.getInt();
            case DOUBLE -> buffer.getDouble();
            case STRING -> new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
            case SERIALIZED -> deserialize(bytes);
            default -> throw new IllegalArgumentException("unknown value tag " + tag);
        };
    }

    private static byte[] serialize(Serializable value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(SERIALIZED);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize " + value.getClass().getName() + ": " + e.getMessage()
                    + " (make every field Serializable or transient)", e);
        }
        return bytes.toByteArray();
    }

    private static Serializable deserialize(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
            return (Serializable) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot deserialize a value: " + e
                    + " (driver and workers must run the same classpath)", e);
        }
    }
}

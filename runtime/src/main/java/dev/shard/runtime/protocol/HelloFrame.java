package dev.shard.runtime.protocol;

import java.nio.ByteBuffer;

/**
 * The handshake's frames ({@link Message.Hello} and its {@link Message.Welcome}), laid out
 * exactly as {@link FrameCodec#write} lays them out, but in a plain {@link ByteBuffer}: a
 * starting worker sends its hello before it sets up Netty's buffers, and a fresh driver reads
 * it and welcomes the worker before its own first Netty buffer (their first use initialises
 * Netty's platform probing and the logging back-end, which scans every jar on the classpath),
 * so that work runs after the driver has counted the worker as connected.
 * {@code FrameCodecTest} keeps the encodings equal.
 */
public final class HelloFrame {
    private HelloFrame() {
    }

    /** The whole frame, length prefix included, ready to be written (position 0). */
    public static ByteBuffer encode(Message.Hello hello) {
        byte[] token = hello.token();
        int body = Byte.BYTES + 3 * Integer.BYTES + Long.BYTES + Integer.BYTES + (token == null ? 0 : token.length);
        ByteBuffer frame = ByteBuffer.allocate(Integer.BYTES + body);
        frame.putInt(body).put(FrameCodec.HELLO).putInt(hello.magic()).putInt(hello.version())
                .putInt(hello.workerId()).putLong(hello.pid());
        if (token == null) {
            frame.putInt(-1);
        } else {
            frame.putInt(token.length).put(token);
        }
        return frame.flip();
    }

    /**
     * The hello in {@code frame} (one whole frame, length prefix included, from its position),
     * or null when the frame is of another type (then {@link FrameCodec#read} says which).
     */
    public static Message.Hello decode(ByteBuffer frame) {
        ByteBuffer body = frame.duplicate().position(frame.position() + Integer.BYTES);
        if (body.get() != FrameCodec.HELLO) {
            return null;
        }
        int magic = body.getInt();
        int version = body.getInt();
        int workerId = body.getInt();
        long pid = body.getLong();
        int tokenLength = body.getInt();
        byte[] token = null;
        if (tokenLength >= 0) {
            if (tokenLength > body.remaining()) {
                throw new IllegalArgumentException("hello frame with a token of " + tokenLength + " bytes but "
                        + body.remaining() + " left in the frame (not a shard peer)");
            }
            token = new byte[tokenLength];
            body.get(token);
        }
        return new Message.Hello(magic, version, workerId, pid, token);
    }

    /** The driver's welcome as a whole frame, length prefix included, ready to be written. */
    public static ByteBuffer welcome(Message.Welcome welcome) {
        int body = Byte.BYTES + Integer.BYTES;
        return ByteBuffer.allocate(Integer.BYTES + body).putInt(body).put(FrameCodec.WELCOME)
                .putInt(welcome.version()).flip();
    }
}

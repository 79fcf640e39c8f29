package dev.shard.runtime.protocol;

import java.nio.ByteBuffer;

/**
 * A worker's {@link Message.Hello} as a frame, laid out exactly as {@link FrameCodec#write}
 * lays it out, but in a plain {@link ByteBuffer}: a starting worker sends its hello before it
 * sets up Netty's buffers (their first use initialises Netty's platform probing and the
 * logging back-end, which scans every jar on the classpath), so that work runs after the
 * driver has counted the worker as connected. {@code FrameCodecTest} keeps the two encodings equal.
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
}

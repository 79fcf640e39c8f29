package dev.shard.runtime.driver;

import dev.shard.runtime.protocol.FrameCodec;
import dev.shard.runtime.protocol.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/** A worker connection that keeps every frame sent, encoded as on the socket, for tests of what the driver sends. */
final class RecordingConnection implements WorkerConnection {
    private final List<byte[]> frames = new ArrayList<>();

    @Override
    public void send(Message message) {
        ByteBuf frame = Unpooled.buffer();
        FrameCodec.write(message, frame);
        byte[] bytes = new byte[frame.readableBytes()];
        frame.readBytes(bytes);
        frames.add(bytes);
        writes++;
    }

    /** Writes recorded: one per {@link #send}, one per {@link #sendAll}, however many frames it holds. */
    private int writes;

    @Override
    public void sendAll(List<Message> messages) {
        messages.forEach(this::send);
        writes -= messages.size() - 1;
    }

    @Override
    public void close() {
    }

    int writes() {
        return writes;
    }

    List<Integer> frameSizes() {
        return frames.stream().map(frame -> frame.length).toList();
    }

    List<Message> decoded() {
        return frames.stream().map(frame -> FrameCodec.read(Unpooled.wrappedBuffer(frame))).toList();
    }
}

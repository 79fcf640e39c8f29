package dev.shard.runtime.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes {@link Message}s as length-prefixed binary frames and decodes them back.
 *
 * <pre>
 * | int32 length (bytes after this field) | int8 type | fields, big-endian ... |
 * strings and byte arrays: int32 length (-1 for null) then the bytes (strings UTF-8)
 * batch done: run, first, count, complete, copies, open time, int32 unclaimed, int64 private bytes,
 *   int8 over memory limit,
 *   int32 outcome count, then the outcomes
 * batch outcomes: int8 layout, then either each outcome in turn, or (all succeeded,
 *   consecutive shards) first shard, attempt, int64 times[], int32 result ends[], int32 total, results
 * </pre>
 */
public final class FrameCodec {
    static final byte HELLO = 1;
    static final byte WELCOME = 2;
    private static final byte REJECT = 3;
    private static final byte RUN_SETUP = 4;
    private static final byte TASK_BATCH = 5;
    private static final byte BATCH_DONE = 6;
    private static final byte TASK_TIMED_OUT = 7;
    private static final byte RUN_END = 8;
    private static final byte RUN_SUMMARY = 9;
    private static final byte SHUTDOWN = 10;
    private static final byte HAND_BACK = 11;
    private static final byte OUTCOMES_EACH = 0;
    private static final byte OUTCOMES_PACKED = 1;

    private FrameCodec() {
    }

    /** The encoded size of {@code message} in bytes, length prefix included. */
    public static int frameBytes(Message message) {
        ByteBuf buffer = Unpooled.buffer();
        try {
            write(message, buffer);
            return buffer.readableBytes();
        } finally {
            buffer.release();
        }
    }

    /** Appends one frame to {@code out}. */
    public static void write(Message message, ByteBuf out) {
        int lengthAt = out.writerIndex();
        out.writeInt(0);
        switch (message) {
            case Message.Hello hello -> {
                out.writeByte(HELLO).writeInt(hello.magic()).writeInt(hello.version()).writeInt(hello.workerId())
                        .writeLong(hello.pid());
                writeBytes(out, hello.token());
            }
            case Message.Welcome welcome -> out.writeByte(WELCOME).writeInt(welcome.version());
            case Message.Reject reject -> {
                out.writeByte(REJECT);
                writeString(out, reject.reason());
            }
            case Message.RunSetup setup -> {
                out.writeByte(RUN_SETUP).writeInt(setup.runId()).writeLong(setup.taskTimeoutMillis())
                        .writeLong(setup.memoryLimitBytes());
                writeBytes(out, setup.descriptor());
            }
            case Message.TaskBatch batch -> out.writeByte(TASK_BATCH).writeInt(batch.runId())
                    .writeInt(batch.firstShard()).writeInt(batch.count()).writeInt(batch.attempt());
            case Message.BatchDone done -> writeBatchDone(out, done);
            case Message.TaskTimedOut timedOut -> out.writeByte(TASK_TIMED_OUT).writeInt(timedOut.runId())
                    .writeInt(timedOut.shardId()).writeInt(timedOut.attempt()).writeLong(timedOut.elapsedMillis());
            case Message.RunEnd end -> out.writeByte(RUN_END).writeInt(end.runId());
            case Message.HandBack handBack -> out.writeByte(HAND_BACK).writeInt(handBack.runId())
                    .writeInt(handBack.batches());
            case Message.RunSummary summary -> writeRunSummary(out, summary);
            case Message.Shutdown ignored -> out.writeByte(SHUTDOWN);
        }
        int length = out.writerIndex() - lengthAt - Integer.BYTES;
        if (length > ProtocolVersion.MAX_FRAME_BYTES) {
            out.writerIndex(lengthAt);
            throw new IllegalArgumentException("frame of " + length + " bytes exceeds the limit of "
                    + ProtocolVersion.MAX_FRAME_BYTES + " bytes (" + message.getClass().getSimpleName()
                    + "): send big data through shared inputs and output buffers, not results");
        }
        out.setInt(lengthAt, length);
    }

    /** Reads one whole frame, or returns null (consuming nothing) when it has not fully arrived. */
    public static Message read(ByteBuf in) {
        if (in.readableBytes() < Integer.BYTES) {
            return null;
        }
        int length = in.getInt(in.readerIndex());
        if (length <= 0 || length > ProtocolVersion.MAX_FRAME_BYTES) {
            throw new CorruptedFrameException("bad frame length " + length + " (not a shard peer, or a newer protocol)");
        }
        if (in.readableBytes() < Integer.BYTES + length) {
            return null;
        }
        in.skipBytes(Integer.BYTES);
        ByteBuf frame = in.readSlice(length);
        byte type = frame.readByte();
        return switch (type) {
            case HELLO -> new Message.Hello(frame.readInt(), frame.readInt(), frame.readInt(), frame.readLong(),
                    readBytes(frame));
            case WELCOME -> new Message.Welcome(frame.readInt());
            case REJECT -> new Message.Reject(readString(frame));
            case RUN_SETUP -> new Message.RunSetup(frame.readInt(), frame.readLong(), frame.readLong(), readBytes(frame));
            case TASK_BATCH -> new Message.TaskBatch(frame.readInt(), frame.readInt(), frame.readInt(), frame.readInt());
            case BATCH_DONE -> readBatchDone(frame);
            case TASK_TIMED_OUT -> new Message.TaskTimedOut(frame.readInt(), frame.readInt(), frame.readInt(),
                    frame.readLong());
            case RUN_END -> new Message.RunEnd(frame.readInt());
            case HAND_BACK -> new Message.HandBack(frame.readInt(), frame.readInt());
            case RUN_SUMMARY -> readRunSummary(frame);
            case SHUTDOWN -> new Message.Shutdown();
            default -> throw new CorruptedFrameException("unknown frame type " + type);
        };
    }

    private static void writeBatchDone(ByteBuf out, Message.BatchDone done) {
        out.writeByte(BATCH_DONE).writeInt(done.runId()).writeInt(done.firstShard()).writeInt(done.count())
                .writeBoolean(done.complete()).writeLong(done.copyEvents()).writeLong(done.copyBytes()).writeLong(done.openNanos())
                .writeInt(done.unclaimed()).writeLong(done.privateBytes()).writeBoolean(done.overMemoryLimit())
                .writeInt(done.outcomes().size());
        if (done.outcomes() instanceof PackedOutcomes packed && !packed.isEmpty()) {
            writePacked(out, packed);
            return;
        }
        if (PackedOutcomes.packable(done.outcomes())) {
            writePacked(out, done.outcomes());
            return;
        }
        out.writeByte(OUTCOMES_EACH);
        for (Message.ShardOutcome outcome : done.outcomes()) {
            out.writeInt(outcome.shardId()).writeInt(outcome.attempt()).writeLong(outcome.nanos())
                    .writeBoolean(outcome.succeeded());
            if (outcome.succeeded()) {
                writeBytes(out, outcome.result());
            } else {
                writeString(out, outcome.error());
                writeString(out, outcome.stackTrace());
            }
        }
    }

    /** All succeeded, consecutive: first shard and attempt once, then times, result end offsets, results. */
    private static void writePacked(ByteBuf out, List<Message.ShardOutcome> outcomes) {
        out.writeByte(OUTCOMES_PACKED).writeInt(outcomes.getFirst().shardId()).writeInt(outcomes.getFirst().attempt());
        for (Message.ShardOutcome outcome : outcomes) {
            out.writeLong(outcome.nanos());
        }
        int end = 0;
        for (Message.ShardOutcome outcome : outcomes) {
            end += outcome.result().length;
            out.writeInt(end);
        }
        out.writeInt(end);
        for (Message.ShardOutcome outcome : outcomes) {
            out.writeBytes(outcome.result());
        }
    }

    private static void writePacked(ByteBuf out, PackedOutcomes packed) {
        int count = packed.size();
        out.writeByte(OUTCOMES_PACKED).writeInt(packed.firstShard()).writeInt(packed.attempt());
        ByteBuffer arrays = ByteBuffer.allocate(count * (Long.BYTES + Integer.BYTES) + Integer.BYTES);
        arrays.asLongBuffer().put(packed.nanosArray());
        arrays.position(count * Long.BYTES);
        arrays.asIntBuffer().put(packed.endsArray()).put(packed.bytes().length);
        out.writeBytes(arrays.array());
        out.writeBytes(packed.bytes());
    }

    private static Message.BatchDone readBatchDone(ByteBuf frame) {
        int runId = frame.readInt();
        int firstShard = frame.readInt();
        int count = frame.readInt();
        boolean complete = frame.readBoolean();
        long copyEvents = frame.readLong();
        long copyBytes = frame.readLong();
        long openNanos = frame.readLong();
        int unclaimed = frame.readInt();
        long privateBytes = frame.readLong();
        boolean overMemoryLimit = frame.readBoolean();
        if (unclaimed < 0 || unclaimed > count) {
            throw new CorruptedFrameException(unclaimed + " unclaimed shards in a batch of " + count);
        }
        int outcomes = frame.readInt();
        if (outcomes < 0) {
            throw new CorruptedFrameException("negative outcome count " + outcomes);
        }
        byte layout = frame.readByte();
        if (layout == OUTCOMES_PACKED) {
            return new Message.BatchDone(runId, firstShard, count, complete, copyEvents, copyBytes, openNanos,
                    readPacked(frame, outcomes), unclaimed, privateBytes, overMemoryLimit);
        }
        if (layout != OUTCOMES_EACH) {
            throw new CorruptedFrameException("unknown outcome layout " + layout);
        }
        List<Message.ShardOutcome> list = new ArrayList<>(outcomes);
        for (int i = 0; i < outcomes; i++) {
            int shardId = frame.readInt();
            int attempt = frame.readInt();
            long nanos = frame.readLong();
            boolean succeeded = frame.readBoolean();
            list.add(succeeded
                    ? new Message.ShardOutcome(shardId, attempt, nanos, true, readBytes(frame), null, null)
                    : new Message.ShardOutcome(shardId, attempt, nanos, false, null, readString(frame),
                            readString(frame)));
        }
        return new Message.BatchDone(runId, firstShard, count, complete, copyEvents, copyBytes, openNanos, list,
                unclaimed, privateBytes, overMemoryLimit);
    }

    /** Bulk copies, so the cost per batch hardly depends on its number of shards. */
    private static PackedOutcomes readPacked(ByteBuf frame, int outcomes) {
        int firstShard = frame.readInt();
        int attempt = frame.readInt();
        if ((long) outcomes * (Long.BYTES + Integer.BYTES) + Integer.BYTES > frame.readableBytes()) {
            throw new CorruptedFrameException(outcomes + " packed outcomes do not fit in the frame");
        }
        long[] nanos = new long[outcomes];
        int[] ends = new int[outcomes];
        frame.nioBuffer(frame.readerIndex(), outcomes * Long.BYTES).asLongBuffer().get(nanos);
        frame.skipBytes(outcomes * Long.BYTES);
        frame.nioBuffer(frame.readerIndex(), outcomes * Integer.BYTES).asIntBuffer().get(ends);
        frame.skipBytes(outcomes * Integer.BYTES);
        int total = frame.readInt();
        if (total < 0 || total > frame.readableBytes() || (outcomes > 0 && ends[outcomes - 1] != total)) {
            throw new CorruptedFrameException("packed results of " + total + " bytes do not match the frame");
        }
        byte[] bytes = new byte[total];
        frame.readBytes(bytes);
        return new PackedOutcomes(firstShard, attempt, nanos, ends, bytes);
    }

    private static void writeRunSummary(ByteBuf out, Message.RunSummary summary) {
        out.writeByte(RUN_SUMMARY).writeInt(summary.runId()).writeLong(summary.copyEvents())
                .writeLong(summary.copyBytes()).writeInt(summary.sites().size());
        for (Message.CopySite site : summary.sites()) {
            writeString(out, site.site());
            writeString(out, site.what());
            out.writeLong(site.events()).writeLong(site.bytes());
        }
    }

    private static Message.RunSummary readRunSummary(ByteBuf frame) {
        int runId = frame.readInt();
        long events = frame.readLong();
        long bytes = frame.readLong();
        int count = frame.readInt();
        List<Message.CopySite> sites = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sites.add(new Message.CopySite(readString(frame), readString(frame), frame.readLong(), frame.readLong()));
        }
        return new Message.RunSummary(runId, events, bytes, sites);
    }

    private static void writeBytes(ByteBuf out, byte[] bytes) {
        if (bytes == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(bytes.length).writeBytes(bytes);
    }

    private static byte[] readBytes(ByteBuf frame) {
        int length = frame.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        frame.readBytes(bytes);
        return bytes;
    }

    private static void writeString(ByteBuf out, String text) {
        writeBytes(out, text == null ? null : text.getBytes(StandardCharsets.UTF_8));
    }

    private static String readString(ByteBuf frame) {
        byte[] bytes = readBytes(frame);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}

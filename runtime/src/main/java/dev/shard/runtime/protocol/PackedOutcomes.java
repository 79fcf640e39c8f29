package dev.shard.runtime.protocol;

import dev.shard.runtime.task.EncodedResult;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * The successful outcomes of consecutive shards, as the driver receives them: one array
 * of times, one of result end offsets and one byte array holding every result. Reading
 * a batch of tiny tasks this way costs a few bulk copies instead of several buffer calls
 * and objects per shard, which matters while the driver's code still runs interpreted.
 * As a list it shows the same {@link Message.ShardOutcome}s the worker sent, made on demand.
 */
public final class PackedOutcomes extends AbstractList<Message.ShardOutcome> implements RandomAccess {
    private final int firstShard;
    private final int attempt;
    private final long[] nanos;
    private final int[] ends;
    private final byte[] bytes;

    PackedOutcomes(int firstShard, int attempt, long[] nanos, int[] ends, byte[] bytes) {
        if (nanos.length != ends.length) {
            throw new IllegalArgumentException(nanos.length + " times but " + ends.length + " result offsets");
        }
        this.firstShard = firstShard;
        this.attempt = attempt;
        this.nanos = nanos;
        this.ends = ends;
        this.bytes = bytes;
    }

    /** True when {@code outcomes} can be sent packed: all succeeded, consecutive shards, one attempt. */
    static boolean packable(java.util.List<Message.ShardOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return false;
        }
        Message.ShardOutcome first = outcomes.getFirst();
        for (int i = 0; i < outcomes.size(); i++) {
            Message.ShardOutcome outcome = outcomes.get(i);
            if (!outcome.succeeded() || outcome.shardId() != first.shardId() + i
                    || outcome.attempt() != first.attempt()) {
                return false;
            }
        }
        return true;
    }

    public int firstShard() {
        return firstShard;
    }

    public int attempt() {
        return attempt;
    }

    public long nanos(int index) {
        return nanos[index];
    }

    /** Where the result of the {@code index}-th shard starts in {@link #bytes()}. */
    public int offset(int index) {
        return index == 0 ? 0 : ends[index - 1];
    }

    public int length(int index) {
        return ends[index] - offset(index);
    }

    /** Every result, back to back; shared, not copied: callers must not change it. */
    public byte[] bytes() {
        return bytes;
    }

    @Override
    public int size() {
        return nanos.length;
    }

    @Override
    public Message.ShardOutcome get(int index) {
        byte[] result = Arrays.copyOfRange(bytes, offset(index), ends[index]);
        return new Message.ShardOutcome(firstShard + index, attempt, nanos[index], true, result, null, null);
    }

    /** The summed shard times of this pack. */
    public long totalNanos() {
        long total = 0;
        for (long value : nanos) {
            total += value;
        }
        return total;
    }

    /** Long times, as one array, for writing in bulk. */
    long[] nanosArray() {
        return nanos;
    }

    int[] endsArray() {
        return ends;
    }

    /**
     * Gathers the successful outcomes of consecutive shards on the worker, results back
     * to back in one growing array, so a batch costs a few bulk writes, not objects per shard.
     * A worker keeps one and {@link #reset}s it per batch: its arrays are reused, and
     * {@link #append} encodes numbers straight into them.
     */
    public static final class Builder {
        private int firstShard;
        private int attempt;
        private long[] nanos = new long[16];
        private int[] ends = new int[16];
        private byte[] bytes = new byte[256];
        private int count;
        /** Length of the value appended but not yet committed, or -1. */
        private int pending = -1;
        private boolean compact;

        public Builder(int firstShard, int attempt) {
            this.firstShard = firstShard;
            this.attempt = attempt;
        }

        /** Empties the pack for a run of shards from {@code first}, keeping its arrays. */
        public void reset(int first, int attemptNumber) {
            this.firstShard = first;
            this.attempt = attemptNumber;
            this.count = 0;
        }

        /**
         * Encodes {@code value} after the last result (numbers and null without an array
         * of their own, anything else through {@link ValueCodec#encode}) and returns its
         * length; it counts once {@link #commit}ted. Nothing changes if encoding throws.
         */
        public int append(Serializable value) {
            int start = resultBytes();
            ensureBytes(start + ValueCodec.MAX_COMPACT_BYTES);
            int length = ValueCodec.writeCompact(value, bytes, start);
            compact = length >= 0;
            if (compact) {
                pending = length;
                return length;
            }
            if (value instanceof EncodedResult encoded) {
                byte[] name = ValueCodec.className(encoded);
                int encodedLength = ValueCodec.encodedLength(name, encoded);
                ensureBytes(start + encodedLength);
                ValueCodec.writeEncoded(name, encoded, bytes, start);
                pending = encodedLength;
                return encodedLength;
            }
            BytesAfterResults tail = new BytesAfterResults(start);
            ValueCodec.encodeTo(value, tail);
            pending = tail.end - start;
            return pending;
        }

        /**
         * Writes after the last result, growing the pack's array: a value serialized in
         * place, with no array of its own (a stage's partials are megabytes a shard, and
         * their copies were most of a worker's allocation). Until {@link #commit} the
         * bytes do not count, so a failed encoding leaves the pack as it was.
         */
        private final class BytesAfterResults extends OutputStream {
            private int end;

            BytesAfterResults(int start) {
                this.end = start;
            }

            @Override
            public void write(int value) {
                ensureBytes(end + 1);
                bytes[end++] = (byte) value;
            }

            @Override
            public void write(byte[] source, int offset, int length) {
                ensureBytes(end + length);
                System.arraycopy(source, offset, bytes, end, length);
                end += length;
            }
        }

        /** True when the value last {@link #append}ed was a number or null, written in place without serialization. */
        public boolean appendedCompact() {
            return compact;
        }

        /** Counts the value last {@link #append}ed as the next shard's result, with its time. */
        public void commit(long shardNanos) {
            if (pending < 0) {
                throw new IllegalStateException("commit without a value appended");
            }
            ensureCount();
            int start = resultBytes();
            nanos[count] = shardNanos;
            ends[count] = start + pending;
            count++;
            pending = -1;
        }

        /** Forgets the value last {@link #append}ed (a result too large to send). */
        public void discard() {
            pending = -1;
        }

        private void ensureBytes(int needed) {
            if (needed > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, needed));
            }
        }

        private void ensureCount() {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
            }
        }

        /** The shard the next result must be for. */
        public int nextShard() {
            return firstShard + count;
        }

        public int size() {
            return count;
        }

        public int resultBytes() {
            return count == 0 ? 0 : ends[count - 1];
        }

        /** Appends the next shard's encoded result and its time. */
        public void add(byte[] result, long shardNanos) {
            ensureCount();
            int start = resultBytes();
            ensureBytes(start + result.length);
            System.arraycopy(result, 0, bytes, start, result.length);
            nanos[count] = shardNanos;
            ends[count] = start + result.length;
            count++;
        }

        public PackedOutcomes build() {
            return new PackedOutcomes(firstShard, attempt, Arrays.copyOf(nanos, count), Arrays.copyOf(ends, count),
                    Arrays.copyOf(bytes, resultBytes()));
        }
    }
}

package dev.shard.planner.exec;

import dev.shard.planner.exec.aggregate.PackedPartials;
import dev.shard.runtime.task.EncodedResult;
import dev.shard.runtime.task.EncodedResultReaders;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * What one shard of a stage hands back over the socket: the block partials of an
 * aggregation bound for the driver (in block order, packed: see PackedPartials;
 * {@link PackedPartials#NONE} otherwise), or the committed Arrow file of its rows ({@code null}
 * when it kept none), and the rows that left the source and each pipeline operator
 * ({@code operatorRows[0]} = source), for explain's actuals.
 *
 * <p>It crosses the socket in its own layout, not Java serialization: the partials' bytes
 * are copied once into the worker's result pack and read in place on the driver.
 * Little-endian:
 * <pre>
 * int version | int operators | long operatorRows[operators]
 * byte hasFile | [long rows | long bytes | int pathLength | path UTF-8]
 * int blocks | long groups | int partialsLength | partials (PackedPartials' layout)
 * </pre>
 */
public record StageResult(PackedPartials partials, StageFile file, long[] operatorRows) implements EncodedResult {
    private static final int VERSION = 1;

    static {
        EncodedResultReaders.register(StageResult.class, new Reader());
    }

    public StageResult {
        if (partials == null || operatorRows == null) {
            throw new IllegalArgumentException("a stage result needs partials (PackedPartials.NONE when it has"
                    + " none) and operator rows");
        }
    }

    @Override
    public int encodedLength() {
        long length = headerLength(pathBytes()) + (long) partials.bytes();
        if (length > Integer.MAX_VALUE - 64) {
            throw new IllegalStateException("a shard's stage result takes " + length + " bytes, more than fits"
                    + " an array: plan smaller shards");
        }
        return (int) length;
    }

    @Override
    public void encodeInto(byte[] target, int offset) {
        byte[] path = pathBytes();
        int header = headerLength(path);
        ByteBuffer out = ByteBuffer.wrap(target, offset, header).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(VERSION).putInt(operatorRows.length);
        for (long rows : operatorRows) {
            out.putLong(rows);
        }
        out.put((byte) (file == null ? 0 : 1));
        if (file != null) {
            out.putLong(file.rows()).putLong(file.bytes()).putInt(path.length).put(path);
        }
        out.putInt(partials.blocks()).putLong(partials.groups()).putInt(partials.bytes());
        partials.copyTo(target, offset + header);
    }

    private byte[] pathBytes() {
        return file == null ? new byte[0] : file.path().getBytes(StandardCharsets.UTF_8);
    }

    private int headerLength(byte[] path) {
        int fileBytes = file == null ? 0 : 2 * Long.BYTES + Integer.BYTES + path.length;
        return 2 * Integer.BYTES + operatorRows.length * Long.BYTES + 1 + fileBytes + 2 * Integer.BYTES + Long.BYTES;
    }

    /**
     * A class, not a lambda: the driver's first decode would otherwise link a lambda, and the
     * reader is registered in every JVM that loads StageResult, workers included. Lengths are
     * checked before each read rather than caught: a catch clause would load its exception
     * classes into every fresh worker, outside the AOT cache.
     */
    private static final class Reader implements EncodedResult.Reader {
        @Override
        public EncodedResult read(byte[] bytes, int offset, int length) {
            ByteBuffer in = ByteBuffer.wrap(bytes, offset, length).order(ByteOrder.LITTLE_ENDIAN);
            need(in, 2 * Integer.BYTES, length);
            int version = in.getInt();
            if (version != VERSION) {
                throw new IllegalStateException("a stage result of layout version " + version + ", this build reads "
                        + VERSION + ": driver and workers must run the same build");
            }
            int operators = in.getInt();
            need(in, operators < 0 ? -1 : (long) operators * Long.BYTES + 1, length);
            long[] operatorRows = new long[operators];
            for (int i = 0; i < operatorRows.length; i++) {
                operatorRows[i] = in.getLong();
            }
            StageFile file = null;
            if (in.get() != 0) {
                need(in, 2 * Long.BYTES + Integer.BYTES, length);
                long rows = in.getLong();
                long fileBytes = in.getLong();
                int pathLength = in.getInt();
                need(in, pathLength, length);
                file = new StageFile(new String(bytes, in.position(), pathLength, StandardCharsets.UTF_8), rows,
                        fileBytes);
                in.position(in.position() + pathLength);
            }
            need(in, 2 * Integer.BYTES + Long.BYTES, length);
            int blocks = in.getInt();
            long groups = in.getLong();
            int partialsLength = in.getInt();
            if (partialsLength != in.remaining()) {
                throw new IllegalStateException("a stage result announces " + partialsLength + " bytes of partials"
                        + " but carries " + in.remaining() + ": the result is corrupt or driver and workers run"
                        + " different builds");
            }
            return new StageResult(PackedPartials.of(bytes, in.position(), partialsLength, blocks, groups), file,
                    operatorRows);
        }

        /** Refuses a result that ends before the {@code count} bytes the layout reads next. */
        private static void need(ByteBuffer in, long count, int length) {
            if (count < 0 || count > in.remaining()) {
                throw new IllegalStateException("a stage result of " + length + " bytes is cut short: the result is"
                        + " corrupt or driver and workers run different builds");
            }
        }
    }
}

package dev.shard.runtime.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/** Corrupts a shared array's segment the way a stray writer would: its 64-byte header overwritten. */
public final class SegmentHeaders {
    private static final int HEADER_BYTES = 64;

    private SegmentHeaders() {
    }

    /** Writes garbage over the header of the segment file at {@code segment}; the data after it is untouched. */
    public static void overwrite(Path segment) throws IOException {
        byte[] garbage = new byte[HEADER_BYTES];
        Arrays.fill(garbage, (byte) 0x5A);
        byte[] mark = "CORRUPTED".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(mark, 0, garbage, 0, mark.length);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(garbage), 0);
        }
    }
}

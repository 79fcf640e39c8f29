package dev.shard.storage.arrow;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.storage.StorageException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.compression.AbstractCompressionCodec;
import org.apache.arrow.vector.compression.CompressionCodec;
import org.apache.arrow.vector.compression.CompressionUtil;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.IpcOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad files give a clear StorageException naming the file and the fix; never a JVM crash. */
class MalformedArrowFileTest {
    @TempDir
    Path temporary;
    private BufferAllocator allocator;
    private Path file;
    private byte[] good;

    @BeforeEach
    void writeGoodFile() throws Exception {
        allocator = new RootAllocator();
        file = temporary.resolve("table.arrow");
        ArrowFixtures.writeFile(file, allocator, 50, 50);
        good = Files.readAllBytes(file);
    }

    @AfterEach
    void noLeaks() {
        allocator.close();
    }

    @Test
    void truncatedFile() throws Exception {
        Files.write(file, Arrays.copyOf(good, good.length - 100));
        assertFails("does not end with the Arrow file magic ARROW1: it is truncated");
    }

    @Test
    void truncatedToAFewBytes() throws Exception {
        Files.write(file, Arrays.copyOf(good, 10));
        assertFails("it is only 10 bytes, too short for an Arrow IPC file");
    }

    @Test
    void badMagic() throws Exception {
        byte[] bytes = good.clone();
        bytes[0] = 'P';
        bytes[1] = 'A';
        Files.write(file, bytes);
        assertFails("does not start with the Arrow file magic ARROW1");
    }

    @Test
    void garbageFooter() throws Exception {
        byte[] bytes = good.clone();
        int footerLength = ByteBuffer.wrap(bytes, bytes.length - 10, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int footerStart = bytes.length - 10 - footerLength;
        for (int i = footerStart; i < bytes.length - 10; i++) {
            bytes[i] = (byte) (0x5A ^ i * 31);
        }
        Files.write(file, bytes);
        assertFails("is not a valid Arrow IPC file");
    }

    @Test
    void footerLengthLargerThanTheFile() throws Exception {
        byte[] bytes = good.clone();
        ByteBuffer.wrap(bytes, bytes.length - 10, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(Integer.MAX_VALUE);
        Files.write(file, bytes);
        assertFails("its footer length 2147483647 does not fit");
    }

    @Test
    void recordBatchBodyCorrupted() throws Exception {
        byte[] bytes = good.clone();
        // The first record batch message follows the schema message; smash its metadata.
        for (int i = 8; i < Math.min(bytes.length - 10, 600); i++) {
            bytes[i] = (byte) 0xFF;
        }
        Files.write(file, bytes);
        assertFails("is not a valid Arrow IPC file");
    }

    @Test
    void emptyFile() throws Exception {
        Files.write(file, new byte[0]);
        assertFails("is empty (0 bytes)");
    }

    @Test
    void compressedFileIsRejectedWithTheCodecName() throws Exception {
        try (VectorSchemaRoot table = ArrowFixtures.sampleTable(allocator, 0, 100);
                FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                ArrowFileWriter writer = new ArrowFileWriter(table, null, channel, null, IpcOption.DEFAULT,
                        new StoredCodecFactory(), CompressionUtil.CodecType.LZ4_FRAME)) {
            writer.start();
            writer.writeBatch();
            writer.end();
        }
        StorageException error = assertFails("is compressed (record batch 0 uses LZ4_FRAME)");
        assertTrue(error.getMessage().contains("Write it without compression"), error.getMessage());
    }

    /**
     * Random byte damage anywhere: the open either fails with a StorageException naming the file, or
     * the table it returns reads to the end (a crash kills the fork; any other exception fails the test).
     */
    @Test
    void randomDamageNeverCrashes() throws Exception {
        java.util.Random random = new java.util.Random(20261122);
        int rejected = 0;
        for (int attempt = 0; attempt < 400; attempt++) {
            byte[] bytes = good.clone();
            int flips = 1 + random.nextInt(4);
            for (int i = 0; i < flips; i++) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            Files.write(file, bytes);
            SharedArrowTable table;
            try {
                table = ArrowFiles.open(file);
            } catch (StorageException expected) {
                rejected++;
                assertTrue(expected.getMessage().contains(file.toString()), expected.getMessage());
                continue;
            }
            // A file that passed the open's validation reads without any exception.
            try (table) {
                for (VectorSchemaRoot batch : table.batches()) {
                    for (var vector : batch.getFieldVectors()) {
                        for (int row = 0; row < vector.getValueCount(); row++) {
                            vector.getObject(row);
                        }
                    }
                }
            }
        }
        assertTrue(rejected > 0, "damage was detected at least once");
    }

    /** Offsets that fall back inside the data buffer pass a size check; only a full validation sees them. */
    @Test
    void utf8OffsetsGoingBackwardsAreRejected() throws Exception {
        try (VarCharVector strings = new VarCharVector("s", allocator)) {
            String[] values = {"seven..", "eleven.....", "thirteen....."};
            strings.allocateNew(values.length);
            for (int i = 0; i < values.length; i++) {
                strings.setSafe(i, values[i].getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            strings.setValueCount(values.length);
            try (VectorSchemaRoot table = VectorSchemaRoot.of(strings);
                    FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING);
                    ArrowFileWriter writer = new ArrowFileWriter(table, null, channel)) {
                writer.start();
                writer.writeBatch();
                writer.end();
            }
        }
        byte[] bytes = Files.readAllBytes(file);
        byte[] offsets = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(0).putInt(7).putInt(18)
                .putInt(31).array();
        int at = indexOf(bytes, offsets);
        assertTrue(at > 0, "the offsets buffer 0,7,18,31 is in the file");
        // Offset 1 becomes 25: still inside the 31-byte data buffer, but after offset 2.
        ByteBuffer.wrap(bytes, at + 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(25);
        Files.write(file, bytes);
        assertFails("does not match its schema");
    }

    @Test
    void dictionaryEncodedColumnIsRejectedWithTheFix() throws Exception {
        DictionaryArrowFixture.write(file, allocator);
        StorageException error = assertFails("has dictionary-encoded columns, which shard does not read zero-copy yet");
        assertTrue(error.getMessage().contains("write the columns without dictionary encoding"), error.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    private StorageException assertFails(String expected) {
        StorageException error = assertThrows(StorageException.class, () -> ArrowFiles.open(file).close());
        assertTrue(error.getMessage().contains(expected), error.getMessage());
        assertTrue(error.getMessage().contains(file.toString()), "the message names the file: " + error.getMessage());
        assertFalse(ArrowFileTest.isMappedQuietly(file), "a failed open leaves no mapping behind");
        return error;
    }

    /**
     * Arrow Java ships no codec without arrow-compression; this one marks batches as
     * LZ4_FRAME-compressed and stores buffers as they are (the format's "uncompressed" escape).
     */
    private static final class StoredCodecFactory implements CompressionCodec.Factory {
        @Override
        public CompressionCodec createCodec(CompressionUtil.CodecType codecType) {
            return new AbstractCompressionCodec() {
                @Override
                protected ArrowBuf doCompress(BufferAllocator allocator, ArrowBuf uncompressed) {
                    long length = uncompressed.writerIndex();
                    ArrowBuf stored = allocator.buffer(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH + length * 2 + 8);
                    stored.setBytes(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH, uncompressed, 0, length);
                    stored.writerIndex(CompressionUtil.SIZE_OF_UNCOMPRESSED_LENGTH + length * 2 + 8);
                    return stored;
                }

                @Override
                protected ArrowBuf doDecompress(BufferAllocator allocator, ArrowBuf compressed) {
                    throw new UnsupportedOperationException("test codec only writes");
                }

                @Override
                public CompressionUtil.CodecType getCodecType() {
                    return CompressionUtil.CodecType.LZ4_FRAME;
                }
            };
        }

        @Override
        public CompressionCodec createCodec(CompressionUtil.CodecType codecType, int compressionLevel) {
            return createCodec(codecType);
        }
    }
}

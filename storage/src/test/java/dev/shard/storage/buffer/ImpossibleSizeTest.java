package dev.shard.storage.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.storage.StorageException;
import dev.shard.storage.layout.ElementType;
import dev.shard.storage.segment.Backing;
import dev.shard.storage.share.SharedWriter;
import dev.shard.storage.testing.IsolatedStoreTest;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sizes that cannot exist are refused at once, before any file is made, with a message saying why. */
@Timeout(10)
class ImpossibleSizeTest extends IsolatedStoreTest {

    @Test
    void dimsWhoseByteCountOverflowsALongAreRefusedInTheSpec() {
        StorageException error = assertThrows(StorageException.class,
                () -> BufferSpec.matrix(ElementType.DOUBLE, 1L << 40, 1L << 21));
        assertEquals("an array of double[1099511627776, 2097152] is impossible: its size in bytes overflows a 64-bit"
                + " count (more than 8 EiB); check the dimensions", error.getMessage());
    }

    @Test
    void aSharedMatrixWhoseByteCountOverflowsIsRefusedBeforeAnyFile() throws Exception {
        StorageException error = assertThrows(StorageException.class, () -> SharedWriter.allocate(ElementType.DOUBLE,
                new long[] {Long.MAX_VALUE / 16, 3}, Backing.AUTO, store));
        assertTrue(error.getMessage().contains("overflows a 64-bit count"), error.getMessage());
        assertTrue(Files.notExists(temporary.resolve("shm")) || noFilesUnder(), "nothing was created");
    }

    @Test
    void aBufferLargerThanItsFileSystemIsRefusedNamingSizeSpaceAndSetting() throws Exception {
        long petabyteOfDoubles = (1L << 50) / Double.BYTES;
        StorageException error = assertThrows(StorageException.class, () -> OutputBuffer.create(store,
                BufferSpec.vector(ElementType.DOUBLE, petabyteOfDoubles).withBacking(Backing.MMAP)));
        String message = error.getMessage();
        assertTrue(message.matches("segment 'buffer-\\d+' needs 1024\\.00 TiB, more than the whole file system of "
                + temporary.resolve("spill") + " holds \\(.* in all, .* free\\): use smaller data, or point"
                + " SHARD_SPILL_DIR \\(-Dshard.spill.dir\\) at a larger file system"), message);
        assertTrue(noFilesUnder(), "nothing was created");
    }

    private boolean noFilesUnder() throws Exception {
        try (Stream<java.nio.file.Path> files = Files.walk(temporary)) {
            return files.noneMatch(file -> file.toString().endsWith(".seg"));
        }
    }
}

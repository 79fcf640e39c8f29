package dev.shard.storage.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.storage.layout.ElementType;
import dev.shard.storage.segment.SegmentStore;
import dev.shard.storage.segment.StorageContext;
import dev.shard.storage.testing.ChildJvm;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Tag("process")
class BufferProcessTest {
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path temporary;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void twoChildrenWriteDisjointColumnBlocksAndTheParentSeesEveryValue() throws Exception {
        StorageContext context = new StorageContext(temporary.resolve("shm"), temporary.resolve("spill"));
        SegmentStore store = new SegmentStore(context);
        // An odd row count puts block boundaries in the middle of cache lines.
        int rows = 1001;
        int columns = 61;
        int blockColumns = 4;
        try (OutputBuffer buffer = OutputBuffer.create(store,
                BufferSpec.matrix(ElementType.DOUBLE, rows, columns).withInit(Double.NaN))) {
            String reference = encode(buffer.reference());
            List<String> flags = List.of("-Dshard.shm.dir=" + context.shmRoot(),
                    "-Dshard.spill.dir=" + context.spillRoot());
            String go = temporary.resolve("go").toString();
            try (ChildJvm even = ChildJvm.start(BufferColumnWriterMain.class, flags, reference, "0", "" + blockColumns,
                    go);
                    ChildJvm odd = ChildJvm.start(BufferColumnWriterMain.class, flags, reference, "1",
                            "" + blockColumns, go)) {
                even.awaitLine("ready", CHILD_TIMEOUT);
                odd.awaitLine("ready", CHILD_TIMEOUT);
                Files.createFile(temporary.resolve("go"));
                assertTrue(even.awaitSuccess(CHILD_TIMEOUT).contains("wrote 8 blocks, " + 8L * 4 * rows * 8
                        + " bytes"));
                assertTrue(odd.awaitSuccess(CHILD_TIMEOUT).contains("wrote 8 blocks, " + (7L * 4 + 1) * rows * 8
                        + " bytes"));
            }
            double[] values = buffer.toDoubleArray();
            for (int column = 0; column < columns; column++) {
                for (int row = 0; row < rows; row++) {
                    int index = column * rows + row;
                    assertEquals(index + 0.5, values[index], "element (" + row + ", " + column + ")");
                }
            }
        }
        assertEquals(0, store.mappingCount());
    }

    static String encode(BufferReference reference) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(reference);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}

package dev.shard.storage.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.storage.layout.ElementType;
import dev.shard.storage.segment.SegmentStore;
import dev.shard.storage.segment.StorageContext;
import dev.shard.storage.testing.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Another process opens a buffer by path with its type and dims; the last write to an element wins. */
@Tag("process")
class BufferByPathTest {
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path temporary;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void childOpensByPathReadsAndItsOverlappingWriteWins() throws Exception {
        StorageContext context = new StorageContext(temporary.resolve("shm"), temporary.resolve("spill"));
        SegmentStore store = new SegmentStore(context);
        try (OutputBuffer buffer = OutputBuffer.create(store,
                BufferSpec.matrix(ElementType.DOUBLE, 10, 5).withInit(1.0))) {
            buffer.write(0, filled(20, 5.0));
            try (ChildJvm child = ChildJvm.start(BufferByPathMain.class, flags(context), buffer.path().toString(),
                    "DOUBLE", "10,5", "10", "20", "7.0")) {
                String output = child.awaitSuccess(CHILD_TIMEOUT);
                assertTrue(output.contains("sum " + (20 * 5.0 + 30 * 1.0)), "the child read our writes: " + output);
                assertTrue(output.contains("wrote " + 20 * Double.BYTES), output);
            }
            double[] values = buffer.toDoubleArray();
            for (int i = 0; i < 50; i++) {
                double expected = i < 10 ? 5.0 : i < 30 ? 7.0 : 1.0;
                assertEquals(expected, values[i], "element " + i + ": the child's later write wins on [10, 30)");
            }
            buffer.write(25, filled(10, 9.0));
            assertEquals(7.0, buffer.getDouble(24));
            assertEquals(9.0, buffer.getDouble(25), "and our later write wins over the child's");
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void childWithWrongDimsOrTypeGetsTheClearMessage() throws Exception {
        StorageContext context = new StorageContext(temporary.resolve("shm"), temporary.resolve("spill"));
        SegmentStore store = new SegmentStore(context);
        try (OutputBuffer buffer = OutputBuffer.create(store, BufferSpec.matrix(ElementType.DOUBLE, 10, 5))) {
            String advice = " (check the path, or open it with the type and dims it was created with)";
            try (ChildJvm dims = ChildJvm.start(BufferByPathMain.class, flags(context), buffer.path().toString(),
                    "DOUBLE", "5,10", "0", "1", "1.0");
                    ChildJvm type = ChildJvm.start(BufferByPathMain.class, flags(context),
                            buffer.path().toString(), "INT", "10,5", "0", "1", "1.0")) {
                assertTrue(dims.awaitSuccess(CHILD_TIMEOUT).contains("error output buffer " + buffer.path()
                        + " is double[10, 5], expected double[5, 10]" + advice), dims.output());
                assertTrue(type.awaitSuccess(CHILD_TIMEOUT).contains("error output buffer " + buffer.path()
                        + " is double[10, 5], expected int[10, 5]" + advice), type.output());
            }
            assertEquals(0, buffer.counters().writes(), "nobody wrote");
            assertEquals(0.0, buffer.getDouble(0));
        }
    }

    private static List<String> flags(StorageContext context) {
        return List.of("-Dshard.shm.dir=" + context.shmRoot(), "-Dshard.spill.dir=" + context.spillRoot());
    }

    private static double[] filled(int count, double value) {
        double[] values = new double[count];
        java.util.Arrays.fill(values, value);
        return values;
    }
}

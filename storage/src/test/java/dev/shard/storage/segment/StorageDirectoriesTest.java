package dev.shard.storage.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.storage.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SHARD_SHM_DIR / SHARD_SPILL_DIR choose the directories of a fresh JVM; system properties win over them. */
@Tag("process")
class StorageDirectoriesTest {
    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path temporary;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void environmentVariablesChooseTheDirectories() throws Exception {
        Path shm = temporary.resolve("env-shm");
        Path spill = temporary.resolve("env-spill");
        try (ChildJvm child = ChildJvm.start(StorageDirectoriesChild.class,
                Map.of("SHARD_SHM_DIR", shm.toString(), "SHARD_SPILL_DIR", spill.toString()), List.of())) {
            String output = child.awaitSuccess(CHILD_TIMEOUT);
            assertEquals(shm.toString(), value(output, "shm-root"));
            assertEquals(spill.toString(), value(output, "spill-root"));
            assertTrue(Path.of(value(output, "shm-segment")).startsWith(shm), output);
            assertTrue(Path.of(value(output, "spill-segment")).startsWith(spill), output);
        }
        assertEquals(0, segmentFilesUnder(temporary), "the child removed its segments on exit");
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void systemPropertiesWinOverEnvironmentVariables() throws Exception {
        Path propertyShm = temporary.resolve("property-shm");
        Path propertySpill = temporary.resolve("property-spill");
        try (ChildJvm child = ChildJvm.start(StorageDirectoriesChild.class,
                Map.of("SHARD_SHM_DIR", temporary.resolve("env-shm").toString(),
                        "SHARD_SPILL_DIR", temporary.resolve("env-spill").toString()),
                List.of("-D" + StorageContext.SHM_DIR_PROPERTY + "=" + propertyShm,
                        "-D" + StorageContext.SPILL_DIR_PROPERTY + "=" + propertySpill))) {
            String output = child.awaitSuccess(CHILD_TIMEOUT);
            assertEquals(propertyShm.toString(), value(output, "shm-root"));
            assertEquals(propertySpill.toString(), value(output, "spill-root"));
            assertTrue(Path.of(value(output, "shm-segment")).startsWith(propertyShm), output);
            assertTrue(Path.of(value(output, "spill-segment")).startsWith(propertySpill), output);
        }
        assertEquals(0, segmentFilesUnder(temporary), "the child removed its segments on exit");
    }

    private static String value(String output, String key) {
        return output.lines().filter(line -> line.startsWith(key + " ")).findFirst()
                .map(line -> line.substring(key.length() + 1).trim())
                .orElseThrow(() -> new AssertionError("no '" + key + "' line in:\n" + output));
    }

    private static long segmentFilesUnder(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".seg")).count();
        }
    }
}

package dev.shard.runtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.testing.JarClasspath;
import dev.shard.runtime.testing.StartupCacheKillDriver;
import dev.shard.storage.segment.StorageContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recording of the workers' AOT cache killed mid-way (the recording worker while it dumps its
 * AOT configuration, then the assembler and the JVM creating the cache while it is written)
 * never leaves a cache the JVM would map half-written: the next pool records again, the one
 * after starts from a whole cache, and what the killed processes left is gone.
 */
@Tag("process")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class StartupCacheKillProcessTest {

    @Test
    void aRecordingOrAnAssemblyKilledMidWayIsRecordedAgainAndLeavesNothingHalfWritten(@TempDir Path directory)
            throws Exception {
        String classpath = JarClasspath.of(Files.createDirectories(directory.resolve("jars")));
        Path cacheDirectory = Files.createDirectories(directory.resolve("aot"));
        String output = driver(classpath, cacheDirectory, directory);

        assertTrue(output.contains("pool 1 cache: [NONE, RECORDING] ran 4"), output);
        assertTrue(output.contains("recorder killed while writing: true"), output);
        assertEquals("[]", line(output, "after the killed recorder: "), "no configuration, no cache, no assembler\n"
                + output);

        assertTrue(output.contains("pool 2 cache: [NONE, RECORDING] ran 4"), "recorded again\n" + output);
        assertTrue(output.contains("assembler killed while writing: true"), output);
        assertTrue(line(output, "after the killed assembler: ").matches(".*workers-[0-9a-f]{24}\\.aot\\.assembling-\\d+[],].*"),
                "the killed assembler left its half-written cache under its own name\n" + output);
        assertTrue(!line(output, "after the killed assembler: ").matches(".*workers-[0-9a-f]{24}\\.aot[],].*"),
                "and no cache\n" + output);

        // The new recorder's configuration (empty until it exits) and the killed assembly's log may be there.
        assertTrue(!line(output, "pool 3 started with: ").contains(".assembling-"),
                "the next start removed what the killed processes left\n" + output);
        assertTrue(!line(output, "pool 3 started with: ").matches(".*workers-[0-9a-f]{24}\\.aot[],].*"), output);
        assertTrue(output.contains("pool 3 cache: [NONE, RECORDING] ran 4"), output);
        assertTrue(output.contains("pool 4 cache: [USED, USED] ran 4"), "the JVM maps the cache: it is whole\n" + output);
        assertEquals("0", line(output, "processes left: "), output);
        assertTrue(line(output, "in the end: ").matches("\\[workers-[0-9a-f]{24}\\.aot, workers-[0-9a-f]{24}\\.aot\\.lock]"),
                output);
    }

    private static String line(String output, String prefix) {
        return output.lines().filter(line -> line.startsWith(prefix)).findFirst()
                .map(line -> line.substring(prefix.length())).orElse("(no line " + prefix + ")");
    }

    private static String driver(String classpath, Path cacheDirectory, Path directory) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--add-opens=java.base/java.nio=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED", "-Dshard.aot.dir=" + cacheDirectory, "-Dshard.aot.await=true",
                "-D" + StorageContext.SHM_DIR_PROPERTY + "=" + StorageContext.fromEnvironment().shmRoot()));
        command.addAll(List.of("-cp", classpath, StartupCacheKillDriver.class.getName()));
        Path output = Files.createTempFile(directory, "driver-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            boolean ended = process.waitFor(200, TimeUnit.SECONDS);
            String text = Files.readString(output);
            assertTrue(ended, () -> "driver did not end within 200 s\n" + text);
            assertEquals(0, process.exitValue(), () -> "driver failed\n" + text);
            assertTrue(text.contains("done"), text);
            return text;
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}

package dev.shard.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.storage.segment.StorageContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A driver JVM of the startup-cache tests: started with the cache directory named and told to
 * wait for the cache's assembly, so that its next pool starts from the cache. It must end with
 * "done" and no process of its own left, since an assembler outlives a driver that exits.
 */
public final class CacheDriverRun {
    private CacheDriverRun() {
    }

    /**
     * Runs {@code mainClass} with {@code arguments} and the extra JVM {@code options}, in a JVM
     * whose environment gains {@code environment}; returns its output once it ended well.
     */
    public static String run(String classpath, Path cacheDirectory, Path directory, List<String> options,
            Class<?> mainClass, List<String> arguments, Map<String, String> environment, Duration patience)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--add-opens=java.base/java.nio=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED", "-Dshard.aot.dir=" + cacheDirectory,
                // The cache is assembled after the recording pool's close, by a process nobody waits for: the next
                // pool of this driver waits for it, so that it starts from the cache.
                "-Dshard.aot.await=true",
                "-D" + StorageContext.SHM_DIR_PROPERTY + "=" + StorageContext.fromEnvironment().shmRoot()));
        command.addAll(options);
        command.addAll(List.of("-cp", classpath, mainClass.getName()));
        command.addAll(arguments);
        Path output = Files.createTempFile(directory, "driver-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            boolean ended = process.waitFor(patience.toSeconds(), TimeUnit.SECONDS);
            String text = Files.readString(output);
            assertTrue(ended, () -> "driver did not end within " + patience.toSeconds() + " s\n" + text);
            assertEquals(0, process.exitValue(), () -> "driver failed\n" + text);
            assertTrue(text.contains("done"), text);
            assertTrue(text.contains("processes left: 0"), () -> "no worker or assembler outlives the driver\n" + text);
            return text;
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** In the driver: waits up to {@code patience} for its child processes to end, then prints how many are left. */
    public static void awaitChildren(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        System.out.println("processes left: " + ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .count());
    }
}

package dev.shard.runtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.testing.CacheDriverRun;
import dev.shard.runtime.testing.JarClasspath;
import dev.shard.runtime.testing.StartupCacheDriver;
import java.io.IOException;
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

/**
 * With a classpath of jars (as {@code bin/shard} runs), workers start from a JDK AOT cache
 * by default: the first pool records it, the next ones map it; a corrupt cache never fails
 * a start, stays out of the worker logs, and is recorded again. The workers' heap bound (pools
 * of other budgets) is not part of the cache's key, and the JVM accepts the cache under any.
 */
@Tag("process")
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class StartupCacheProcessTest {

    @Test
    void workersRecordTheCacheOnceThenStartFromItAndACorruptCacheFallsBackAndIsRecordedAgain(@TempDir Path directory)
            throws Exception {
        String classpath = JarClasspath.of(Files.createDirectories(directory.resolve("jars")));
        Path cacheDirectory = directory.resolve("aot");

        String first = driver(classpath, cacheDirectory, directory, 2, "-Dshard.aot.train=true");
        assertTrue(first.contains("pool 1 cache: [NONE, RECORDING] ran 4"), first);
        assertTrue(first.contains("pool 2 cache: [USED, USED] ran 4"), first);
        Path cache = onlyCache(cacheDirectory, first);
        assertTrue(first.lines().filter(line -> line.startsWith("pool 2 command:"))
                .allMatch(line -> line.contains("-XX:AOTCache=" + cache)), first);
        // Recorded by workers with the JVM's default heap, used by workers bounded to 192 MiB: one cache serves all.
        assertTrue(first.lines().filter(line -> line.startsWith("pool 2 command:"))
                .allMatch(line -> line.contains("-Xmx192m")), first);
        // On JDK 25 the workers given the cache compile its trained methods at first call, and the JVM accepts that.
        assertTrue(Runtime.version().feature() != 25 || first.lines().filter(line -> line.startsWith("pool 2 command:"))
                .allMatch(line -> line.contains("-XX:+AOTCompileEagerly")), first);
        assertTrue(first.contains("pool 2 worker logs: []"), "nothing from the JVM about the cache in worker logs\n"
                + first);
        // Asked to, the recorder ran the task-path training before it exited (its log says so).
        assertTrue(first.contains("trained the task path for the AOT cache in"), first);

        Files.writeString(cache, "not an AOT cache");
        String second = driver(classpath, cacheDirectory, directory, 3, "-Dshard.aot.train=default");
        assertTrue(second.contains("pool 1 cache: [REFUSED, REFUSED] ran 4"), second);
        assertTrue(second.contains("workers start without the AOT cache " + cache + ": the JVM refused it"), second);
        assertTrue(second.contains("pool 1 worker logs: []"), "the JVM's complaints stay out of worker logs\n"
                + second);
        assertTrue(second.contains("pool 2 cache: [NONE, RECORDING] ran 4"), second);
        assertTrue(second.contains("pool 3 cache: [USED, USED] ran 4"), second);
        assertEquals(cache, onlyCache(cacheDirectory, second), "recorded again under the same name");
        assertFalse(Files.readString(cache, java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("not an"));
        assertTrue(second.contains("recorded the worker AOT cache") && !second.contains("trained the task path"),
                "no training unless asked for\n" + second);
    }

    private static Path onlyCache(Path cacheDirectory, String output) throws IOException {
        try (Stream<Path> files = Files.list(cacheDirectory)) {
            List<Path> all = files.sorted().toList();
            assertEquals(2, all.size(), () -> "one cache file, its lock and no temporary files: " + all + "\n" + output);
            assertTrue(all.getFirst().getFileName().toString().matches("workers-[0-9a-f]{24}\\.aot"), all::toString);
            assertEquals(all.getFirst().getFileName() + ".lock", all.getLast().getFileName().toString());
            return all.getFirst();
        }
    }

    /** Runs {@link StartupCacheDriver} with the given classpath; returns its output. */
    private static String driver(String classpath, Path cacheDirectory, Path directory, int pools, String training)
            throws Exception {
        return CacheDriverRun.run(classpath, cacheDirectory, directory, List.of(training), StartupCacheDriver.class,
                List.of(String.valueOf(pools)), Map.of(), Duration.ofSeconds(120));
    }
}

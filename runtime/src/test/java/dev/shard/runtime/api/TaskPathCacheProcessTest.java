package dev.shard.runtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.testing.CacheDriverRun;
import dev.shard.runtime.testing.JarClasspath;
import dev.shard.runtime.testing.TaskPathCacheDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workers' AOT cache covers the task path, not only start-up: a worker that starts from
 * a cache recorded by a pool that ran tasks takes the classes of its first task — the run
 * descriptor's decoding, the dispatch, the kernel, the output's mapping, the results' packing
 * — from the cache, not from the jars (the JVM's class-load log names each class's source).
 */
@Tag("process")
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class TaskPathCacheProcessTest {
    /** What a first task runs through, on the worker's side. */
    private static final List<String> TASK_PATH = List.of(
            "java.io.ObjectInputStream",
            "dev.shard.runtime.protocol.RunDescriptorCodec",
            "dev.shard.runtime.protocol.PackedOutcomes",
            "dev.shard.runtime.task.ContiguousShards",
            "dev.shard.runtime.worker.RunResources",
            "dev.shard.runtime.worker.BatchExecutor",
            "dev.shard.runtime.worker.TaskContext",
            "dev.shard.storage.buffer.OutputBuffer",
            "dev.shard.runtime.testing.TaskPathCacheDriver$DoublingKernel");
    private static final Pattern LOADED = Pattern.compile("\\[class,load\\] (\\S+) source: (.*)$");
    private static final String FROM_CACHE = "shared objects file";

    @Test
    void aWorkerStartingFromTheCacheTakesItsFirstTaskClassesFromIt(@TempDir Path directory) throws Exception {
        String classpath = JarClasspath.of(Files.createDirectories(directory.resolve("jars")));
        Path logs = Files.createDirectories(directory.resolve("class-loads"));
        String output = driver(classpath, directory.resolve("aot"), logs, directory);
        long sum = 2L * 255 * 256 / 2;
        assertTrue(output.contains("pool 1 cache: [NONE, RECORDING] sum " + sum), output);
        assertTrue(output.contains("pool 2 cache: [USED, USED] sum " + sum), output);

        List<Long> pids = pids(output, 2);
        assertEquals(2, pids.size(), output);
        for (long pid : pids) {
            Map<String, String> sources = sources(logs.resolve("classes-" + pid + ".log"));
            for (String name : TASK_PATH) {
                String source = sources.get(name);
                assertTrue(source != null && source.startsWith(FROM_CACHE), () -> "worker " + pid + " loaded " + name
                        + " from " + source + ", not from the AOT cache\n" + output);
            }
            List<String> fromJars = sources.entrySet().stream()
                    .filter(entry -> entry.getKey().startsWith("dev.shard."))
                    .filter(entry -> entry.getValue().endsWith(".jar")).map(Map.Entry::getKey).sorted().toList();
            assertEquals(List.of(), fromJars, () -> "worker " + pid + " loaded our classes from the jars\n" + output);
        }
    }

    /** Each loaded class's source in a JVM's class-load log (the first load of a name). */
    private static Map<String, String> sources(Path log) throws IOException {
        assertTrue(Files.isRegularFile(log), () -> "no class-load log " + log);
        Map<String, String> sources = new HashMap<>();
        for (String line : Files.readAllLines(log)) {
            Matcher matcher = LOADED.matcher(line);
            if (matcher.find()) {
                sources.putIfAbsent(matcher.group(1), matcher.group(2).strip());
            }
        }
        return sources;
    }

    private static List<Long> pids(String output, int pool) {
        String prefix = "pool " + pool + " pids: [";
        return output.lines().filter(line -> line.startsWith(prefix))
                .flatMap(line -> List.of(line.substring(prefix.length(), line.length() - 1).split(", ")).stream())
                .map(Long::parseLong).toList();
    }

    /** Runs {@link TaskPathCacheDriver}; every JVM it starts logs its class loads to {@code logs}. */
    private static String driver(String classpath, Path cacheDirectory, Path logs, Path directory) throws Exception {
        // Inherited by the workers without being one of their options, which name the cache.
        return CacheDriverRun.run(classpath, cacheDirectory, directory, List.of(), TaskPathCacheDriver.class,
                List.of(), Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + logs + "/classes-%p.log"),
                Duration.ofSeconds(120));
    }
}

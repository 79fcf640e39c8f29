package dev.shard.runtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.task.Shards;
import dev.shard.runtime.testing.WorkerProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run report's JSON goes through Jackson on the driver; a worker must not load Jackson
 * while it starts and runs shards, or every worker start pays for it. The worker's class
 * loading is logged by the JVM itself and read back.
 */
@Tag("process")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReportJsonWorkerClassesProcessTest {
    @TempDir
    Path temporary;

    @AfterAll
    static void noWorkersLeft() throws InterruptedException {
        assertEquals(List.of(), WorkerProcesses.awaitNone(), "worker processes left running");
    }

    @Test
    void workersRunShardsWithoutLoadingJacksonWhileTheDriverWritesTheReport() throws Exception {
        Path log = temporary.resolve("worker-classes-%p.log");
        String json;
        try (Pool pool = Pool.builder().workers(1)
                .workerJvmOptions(List.of("-Xlog:class+load=info:file=" + log)).start()) {
            Run<Long> run = pool.shardMap(Shards.contiguous(64, 8), context -> context.shard().start(),
                    RunOptions.none());
            assertTrue(run.succeeded(), () -> run.report().renderText());
            json = run.report().toJson();
        }
        assertTrue(json.startsWith("{\"schemaVersion\":"), json);
        List<Path> logs;
        try (Stream<Path> files = Files.list(temporary)) {
            logs = files.filter(file -> file.getFileName().toString().startsWith("worker-classes-")).toList();
        }
        assertEquals(1, logs.size(), "one worker's class-loading log: " + logs);
        String loaded = Files.readString(logs.getFirst());
        assertTrue(loaded.contains("dev.shard.runtime.worker.WorkerMain"), "the log covers the worker's start");
        assertFalse(loaded.contains("com.fasterxml.jackson"), "a worker loaded Jackson:\n" + loaded.lines()
                .filter(line -> line.contains("com.fasterxml.jackson")).limit(10).toList());
    }
}

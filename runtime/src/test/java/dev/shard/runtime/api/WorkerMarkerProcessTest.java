package dev.shard.runtime.api;

import dev.shard.runtime.task.PoolStatus;
import dev.shard.runtime.task.Shards;
import dev.shard.runtime.testing.WorkerProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every worker carries {@code -Dshard.worker=<run-id>:<worker-id>} on its command line:
 * operators and CI ({@code pgrep -f -- -Dshard.worker=}) find workers by it.
 */
@Tag("process")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkerMarkerProcessTest {
    /** run-<driver pid>-<driver start, base 36>-<pool directory>:<worker id>. */
    private static final Pattern MARKER = Pattern.compile(
            "-Dshard\\.worker=run-(\\d+)-[0-9a-z]+-(?:pool-\\d+|shard-pool-\\d+):(\\d+)");

    @AfterAll
    static void noWorkersLeft() throws InterruptedException {
        assertEquals(List.of(), WorkerProcesses.awaitNone(), "worker processes left running");
    }

    private static List<String> commandLine(long pid) throws IOException {
        byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
        return Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0"));
    }

    private static List<Integer> workerIds(Pool pool) throws IOException {
        List<Integer> ids = new ArrayList<>();
        for (PoolStatus.WorkerStatus worker : pool.status().workers()) {
            List<String> arguments = commandLine(worker.pid());
            List<Matcher> markers = arguments.stream().map(MARKER::matcher).filter(Matcher::matches).toList();
            assertEquals(1, markers.size(), () -> "no -Dshard.worker marker on worker " + worker.pid() + ": " + arguments);
            assertEquals(Long.toString(ProcessHandle.current().pid()), markers.getFirst().group(1),
                    "the run id names the driver");
            ids.add(Integer.parseInt(markers.getFirst().group(2)));
        }
        return ids;
    }

    @Test
    void everyWorkerIncludingReplacementsCarriesTheMarker() throws IOException {
        try (Pool pool = Pool.builder().workers(2).maxTasksPerWorker(2).start()) {
            Set<Integer> ids = new HashSet<>(workerIds(pool));
            assertEquals(2, ids.size(), "worker ids are distinct");
            Run<Integer> run = pool.shardMap(Shards.contiguous(8, 1), context -> 0, RunOptions.none());
            assertTrue(run.succeeded(), () -> run.report().renderText());
            List<Integer> replacements = workerIds(pool);
            assertTrue(replacements.stream().noneMatch(ids::contains), "recycled workers were replaced: " + replacements);
        }
    }
}

package dev.shard.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.api.Pool;
import dev.shard.runtime.api.Run;
import dev.shard.runtime.api.RunOptions;
import dev.shard.runtime.task.ShardKernel;
import dev.shard.runtime.task.Shards;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Tag("process")
@Timeout(120)
class ExampleRunsTest {
    @TempDir
    Path directory;

    @AfterEach
    void noWorkerIsLeft() throws Exception {
        ProgramOutput.awaitNoChildren(Duration.ofSeconds(20));
    }

    @Test
    void aFailedRunIsPrintedWithItsShardAndErrorAndItsReportIsWritten() throws Exception {
        ShardKernel<Integer> failing = context -> {
            throw new IllegalStateException("no data for shard " + context.shard().id());
        };
        Run<Integer> run;
        try (Pool pool = Pool.builder().workers(1).maxRetries(1).start()) {
            run = pool.shardMap(Shards.contiguous(1, 1), failing, RunOptions.none());
        }
        assertFalse(run.succeeded());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            ExampleRuns.printFailures("demo", run, err);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("demo: the run failed: 1 shard did not complete\n"
                + "  shard 0 failed after 2 attempts (last on worker 0, pid "), printed);
        assertTrue(printed.contains("no data for shard 0"), printed);
        assertTrue(printed.contains("first remote stack trace:\n"), printed);
        Path report = directory.resolve("nested/report.json");
        ExampleRuns.writeReport(run, Optional.of(report));
        String json = Files.readString(report);
        assertTrue(json.matches("(?s).*\"failures\"\\s*:\\s*\\[\\s*\\{.*no data for shard 0.*"), json);
        ExampleRuns.writeReport(run, Optional.empty());
        try (var entries = Files.list(directory)) {
            assertEquals(1, entries.count(), "no report is written when none is asked for");
        }
    }
}

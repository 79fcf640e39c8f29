package dev.shard.examples.tiny;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shard.examples.colcor.ColcorOptions;
import dev.shard.examples.options.UsageException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TinyTasksOptionsTest {
    @Test
    void defaultsFollowTheWorkloadAndTheMachine() throws Exception {
        TinyTasksOptions options = TinyTasksOptions.from(TinyTasksOptions.parseOptions(List.of()));
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(new TinyTasksOptions(10_000, cores, 0, 0, Optional.empty(), 0, 1, Optional.empty()), options);
        ColcorOptions colcor = ColcorOptions.from(ColcorOptions.parseOptions(List.of()));
        assertEquals(new ColcorOptions(10_000, 2_000, cores, 0, 1, Optional.empty()), colcor);
    }

    @Test
    void everyOptionIsRead() throws Exception {
        TinyTasksOptions options = TinyTasksOptions.from(TinyTasksOptions.parseOptions(List.of(
                "--tasks", "2000", "--workers", "3", "--task-micros", "5", "--leak-kib-per-task", "64",
                "--memory-limit", "512MiB", "--max-tasks-per-worker", "100", "--runs", "4", "--report-json", "r.json")));
        assertEquals(new TinyTasksOptions(2_000, 3, 5, 64, Optional.of(512L << 20), 100, 4,
                Optional.of(Path.of("r.json"))), options);
        ColcorOptions colcor = ColcorOptions.from(ColcorOptions.parseOptions(List.of(
                "--rows", "2000", "--cols", "64", "--workers", "2", "--max-tasks-per-worker", "9",
                "--runs", "3", "--report-json=c.json")));
        assertEquals(new ColcorOptions(2_000, 64, 2, 9, 3, Optional.of(Path.of("c.json"))), colcor);
    }

    @Test
    void outOfRangeValuesNameTheOption() {
        var error = assertThrows(UsageException.class,
                () -> TinyTasksOptions.from(TinyTasksOptions.parseOptions(List.of("--workers", "0"))));
        assertEquals("option --workers needs a whole number of at least 1, got '0' (for example --workers 2)",
                error.getMessage());
        error = assertThrows(UsageException.class,
                () -> TinyTasksOptions.from(TinyTasksOptions.parseOptions(List.of("--tasks", "3000000000"))));
        assertEquals("option --tasks needs a whole number from 1 to 2147483648, got '3000000000'"
                + " (for example --tasks 10000)", error.getMessage());
        error = assertThrows(UsageException.class,
                () -> ColcorOptions.from(ColcorOptions.parseOptions(List.of("--cols", "0"))));
        assertEquals("option --cols needs a whole number of at least 1, got '0' (for example --cols 2000)",
                error.getMessage());
    }
}

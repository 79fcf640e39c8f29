package dev.shard.runtime.protocol;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The preparation runs in every worker before its first run: it must succeed on its
 * synthetic values and leave nothing behind (its reference names a file it never opens).
 */
class TaskPathPreparationTest {

    @Test
    void preparesWithoutOpeningOrCreatingAnything() {
        assertDoesNotThrow(TaskPathPreparation::run);
        assertFalse(Files.exists(Path.of("prepared").toAbsolutePath()));
    }
}

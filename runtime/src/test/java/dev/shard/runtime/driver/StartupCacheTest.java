package dev.shard.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupCacheTest {

    @Test
    void oneWorkerTrainsAMissingCacheThenEveryWorkerUsesIt(@TempDir Path directory) throws IOException {
        Path jar = Files.writeString(directory.resolve("app.jar"), "jar");
        Path cache = directory.resolve("workers.aot");
        StartupCache startup = new StartupCache(cache, jar.toString());

        List<String> trainer = startup.options(0);
        assertEquals(1, trainer.size());
        assertTrue(trainer.getFirst().startsWith("-XX:AOTCacheOutput=" + cache + ".training-"), trainer::toString);
        assertEquals(List.of(), startup.options(1), "only one worker trains");

        Path training = Path.of(trainer.getFirst().substring("-XX:AOTCacheOutput=".length()));
        Files.writeString(training, "cache bytes");
        startup.exited(1);
        assertFalse(Files.exists(cache), "another worker's exit does not publish the cache");
        startup.exited(0);
        assertEquals("cache bytes", Files.readString(cache));
        assertFalse(Files.exists(training));
        assertEquals(List.of("-XX:AOTCache=" + cache), startup.options(2));
    }

    @Test
    void aClasspathWithDirectoriesOrNoCacheGetsNoOptions(@TempDir Path directory) throws IOException {
        Path jar = Files.writeString(directory.resolve("app.jar"), "jar");
        String withDirectory = jar + java.io.File.pathSeparator + directory;
        assertFalse(StartupCache.jarsOnly(withDirectory));
        assertEquals(List.of(), new StartupCache(directory.resolve("c.aot"), withDirectory).options(0));
        assertEquals(List.of(), new StartupCache(null, jar.toString()).options(0));
        assertTrue(StartupCache.jarsOnly(jar.toString()));
    }
}

package dev.shard.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupCacheTest {

    @Test
    void oneWorkerRecordsAMissingCacheThenEveryWorkerUsesIt(@TempDir Path directory) throws IOException {
        Path cache = directory.resolve("workers.aot");
        StartupCache startup = new StartupCache(cache);
        Path log = directory.resolve("worker.aot.log");

        List<String> recorder = startup.options(0, log);
        String output = recorder.stream().filter(o -> o.startsWith("-XX:AOTCacheOutput=")).findFirst().orElseThrow();
        assertTrue(output.startsWith("-XX:AOTCacheOutput=" + cache + ".recording-"), recorder::toString);
        assertTrue(recorder.contains("-Xlog:aot*=off,cds*=off"), "JVM AOT messages stay out of the worker log");
        assertTrue(startup.recording(0));
        assertTrue(startup.options(1, log).stream().noneMatch(o -> o.startsWith("-XX:AOT")), "only one worker records");

        Path recording = Path.of(output.substring("-XX:AOTCacheOutput=".length()));
        Files.writeString(recording, "cache bytes");
        startup.exited(1, 0, log);
        assertFalse(Files.exists(cache), "another worker's exit does not publish the cache");
        startup.exited(0, 0, log);
        assertEquals("cache bytes", Files.readString(cache));
        assertFalse(Files.exists(recording));
        assertFalse(startup.recording(0));
        assertTrue(startup.options(2, log).contains("-XX:AOTCache=" + cache));
    }

    @Test
    void workersGivenTheCacheCompileItsTrainedMethodsAtFirstCallOnTheVerifiedJdkOnly(@TempDir Path directory)
            throws IOException {
        assertEquals(StartupCache.EAGER_OPTIONS, StartupCache.eagerOptions(25, "true"));
        assertEquals(List.of(), StartupCache.eagerOptions(25, " FALSE "), "-Dshard.aot.eager=false switches it off");
        assertEquals(List.of(), StartupCache.eagerOptions(26, "true"), "an unverified JDK may not know the flag");

        Path cache = directory.resolve("workers.aot");
        StartupCache startup = new StartupCache(cache);
        Path log = directory.resolve("worker.aot.log");
        List<String> recorder = startup.options(0, log);
        assertTrue(recorder.stream().noneMatch(StartupCache.EAGER_OPTIONS::contains), "the recorder has no cache to use");
        Files.writeString(cache, "cache bytes");
        List<String> user = new StartupCache(cache).options(1, log);
        assertEquals(Runtime.version().feature() == 25, user.containsAll(StartupCache.EAGER_OPTIONS), user::toString);
    }

    @Test
    void aRecordingCutShortIsNeverPublished(@TempDir Path directory) throws IOException {
        Path cache = directory.resolve("workers.aot");
        StartupCache startup = new StartupCache(cache);
        String output = startup.options(0, directory.resolve("log")).stream()
                .filter(o -> o.startsWith("-XX:AOTCacheOutput=")).findFirst().orElseThrow();
        Path recording = Path.of(output.substring("-XX:AOTCacheOutput=".length()));
        Files.writeString(recording, "half a cache");
        startup.exited(0, 137, directory.resolve("worker.log"));
        assertFalse(Files.exists(cache), "a killed worker may have written part of the cache");
        assertFalse(Files.exists(recording), "its recording is removed");
    }

    @Test
    void aWorkerLogSaysWhetherTheCacheWasUsedAndARefusedCacheIsRemoved(@TempDir Path directory) throws IOException {
        Path cache = Files.writeString(directory.resolve("workers.aot"), "cache bytes");
        StartupCache startup = new StartupCache(cache);
        Path used = directory.resolve("used.log");
        Path refused = directory.resolve("refused.log");
        startup.options(1, used);
        startup.options(2, refused);
        Files.writeString(used, "[0.019s][info][aot] " + StartupCache.IN_USE_MARK + " (static archive)\n");
        Files.writeString(refused, "[0.012s][warning][aot] Unable to read the file header.\n");

        assertEquals(StartupCacheUse.USED, startup.connected(1, used));
        assertTrue(Files.exists(cache));
        assertEquals(StartupCacheUse.REFUSED, startup.connected(2, refused));
        assertFalse(Files.exists(cache), "a refused cache is removed so that it is recorded again");
        assertEquals(StartupCacheUse.NONE, startup.connected(3, refused), "worker 3 was not given the cache");
        assertTrue(startup.options(4, used).stream().anyMatch(o -> o.startsWith("-XX:AOTCacheOutput=")));
    }

    @Test
    void theCacheIsOnlyForJarClasspathsAndCanBeSwitchedOff(@TempDir Path directory) throws IOException {
        Path jar = Files.writeString(directory.resolve("app.jar"), "jar");
        String withDirectory = jar + File.pathSeparator + directory;
        assertFalse(StartupCacheLocation.jarsOnly(withDirectory));
        assertTrue(StartupCacheLocation.jarsOnly(jar.toString()));
        assertNull(StartupCacheLocation.resolve(directory.resolve("c.aot"), withDirectory, List.of()));
        assertEquals(List.of(), new StartupCache(null).options(0, directory.resolve("log")));
        assertNull(StartupCacheLocation.resolve(null, jar.toString(), List.of("-XX:AOTCache=mine.aot")),
                "workers the user gave an archive of their own get no second one");
        assertNull(StartupCacheLocation.resolve(null, jar.toString(), List.of("-Xshare:off")));
        String before = System.getProperty(StartupCacheLocation.ENABLED_PROPERTY);
        System.setProperty(StartupCacheLocation.ENABLED_PROPERTY, "false");
        try {
            assertNull(StartupCacheLocation.resolve(directory.resolve("c.aot"), jar.toString(), List.of()));
        } finally {
            restore(StartupCacheLocation.ENABLED_PROPERTY, before);
        }
    }

    @Test
    void theDefaultCacheIsNamedByClasspathJdkAndOptions(@TempDir Path directory) throws IOException {
        Path jar = Files.writeString(directory.resolve("app.jar"), "jar");
        String before = System.getProperty(StartupCacheLocation.DIRECTORY_PROPERTY);
        System.setProperty(StartupCacheLocation.DIRECTORY_PROPERTY, directory.resolve("aot").toString());
        try {
            Path first = StartupCacheLocation.resolve(null, jar.toString(), List.of("-XX:+UseSerialGC"));
            assertEquals(directory.resolve("aot"), first.getParent());
            assertTrue(Files.isDirectory(first.getParent()));
            assertEquals(first, StartupCacheLocation.resolve(null, jar.toString(), List.of("-XX:+UseSerialGC", "-Da=b")),
                    "properties do not change the cache");
            assertNotEquals(first, StartupCacheLocation.resolve(null, jar.toString(), List.of("-XX:+UseParallelGC")));
            Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 5_000));
            assertNotEquals(first, StartupCacheLocation.resolve(null, jar.toString(), List.of("-XX:+UseSerialGC")),
                    "a rebuilt jar gets a cache of its own");
        } finally {
            restore(StartupCacheLocation.DIRECTORY_PROPERTY, before);
        }
    }

    @Test
    void onlyTheMostRecentlyUsedCachesAreKept(@TempDir Path directory) throws IOException {
        long now = System.currentTimeMillis();
        List<Path> caches = new java.util.ArrayList<>();
        for (int i = 0; i < StartupCacheLocation.KEEP + 3; i++) {
            Path cache = Files.writeString(directory.resolve(String.format("workers-%024x.aot", i)), "cache " + i);
            Files.setLastModifiedTime(cache, FileTime.fromMillis(now - i * 60_000L));
            caches.add(cache);
        }
        Path oldest = caches.getLast();
        Path freshRecording = Files.writeString(directory.resolve(String.format("workers-%024x.aot.recording-1-2", 1)),
                "x");
        Path staleRecording = Files.writeString(directory.resolve(String.format("workers-%024x.aot.recording-3-4", 1)),
                "x");
        Files.setLastModifiedTime(staleRecording, FileTime.fromMillis(now - 7_200_000L));
        Path someoneElses = Files.writeString(directory.resolve("mine.aot"), "not ours");
        Files.setLastModifiedTime(someoneElses, FileTime.fromMillis(0));

        StartupCacheLocation.prune(directory, oldest);

        for (int i = 0; i < caches.size(); i++) {
            boolean kept = i < StartupCacheLocation.KEEP || caches.get(i).equals(oldest);
            assertEquals(kept, Files.exists(caches.get(i)), caches.get(i).toString());
        }
        assertTrue(Files.exists(freshRecording), "a recording under way is left alone");
        assertFalse(Files.exists(staleRecording), "a recording left by a killed worker goes");
        assertTrue(Files.exists(someoneElses), "files that are not our caches are never touched");
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}

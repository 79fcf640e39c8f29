package dev.shard.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.testing.FileLockHolder;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupCacheTest {

    @Test
    void oneWorkerRecordsAMissingCacheAndItsConfigurationGoesToAnAssembler(@TempDir Path directory) throws IOException {
        Path cache = directory.resolve("workers.aot");
        StartupCache startup = new StartupCache(cache);
        Path log = directory.resolve("worker.aot.log");

        List<String> recorder = startup.options(0, log);
        assertTrue(recorder.contains("-XX:AOTMode=record"), recorder::toString);
        Path recording = recordingOf(recorder);
        assertTrue(recording.toString().startsWith(cache + ".recording-" + ProcessHandle.current().pid() + "-"),
                recorder::toString);
        assertTrue(recorder.stream().noneMatch(o -> o.startsWith("-XX:AOTCacheOutput")),
                "the recorder does not make the cache itself as it exits");
        assertTrue(recorder.contains("-Xlog:aot*=off,cds*=off"), "JVM AOT messages stay out of the worker log");
        assertTrue(startup.recording(0));
        assertTrue(startup.options(1, log).stream().noneMatch(o -> o.startsWith("-XX:AOT")), "only one worker records");

        // Not a configuration the JVM can read: the assembler's JVM refuses it, and nothing is left but its log.
        Files.writeString(recording, "not an AOT configuration");
        startup.exited(1, 0, log);
        assertTrue(Files.exists(recording), "another worker's exit does not hand over the recording");
        startup.exited(0, 0, log);
        assertFalse(startup.recording(0));
        assertTrue(StartupCacheAssembly.await(cache, Duration.ofSeconds(60)), "the assembler ends");
        assertFalse(Files.exists(cache), "no cache from a configuration the JVM refused");
        assertFalse(Files.exists(recording), "the assembler took the recording over");
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of("workers.aot.assembly.log", "workers.aot.lock"),
                    files.map(file -> file.getFileName().toString()).sorted().toList(), "no temporary file is left");
        }
        String assemblyLog = Files.readString(StartupCacheFiles.assemblyLog(cache));
        assertTrue(assemblyLog.contains("shard: the JVM creating the AOT cache " + cache + " exited "), assemblyLog);
        assertTrue(startup.options(2, log).stream().noneMatch(o -> o.startsWith("-XX:AOT")),
                "a pool records its cache once");
        assertTrue(new StartupCache(cache).options(0, log).contains("-XX:AOTMode=record"), "the next pool records it");
    }

    private static Path recordingOf(List<String> options) {
        return Path.of(options.stream().filter(o -> o.startsWith("-XX:AOTConfiguration=")).findFirst().orElseThrow()
                .substring("-XX:AOTConfiguration=".length()));
    }

    @Test
    void noWorkerRecordsTheCacheWhileAnotherProcessAssemblesIt(@TempDir Path directory) throws Exception {
        Path cache = directory.resolve("workers.aot");
        Path log = directory.resolve("worker.aot.log");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), FileLockHolder.class.getName(),
                StartupCacheFiles.lock(cache).toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertEquals("locked", out.readLine());
            assertTrue(StartupCacheAssembly.underWay(cache));
            List<String> options = new StartupCache(cache).options(0, log);
            assertTrue(options.stream().noneMatch(o -> o.startsWith("-XX:AOT")),
                    "a recording would be thrown away: the assembler under way makes the cache " + options);
        } finally {
            holder.getOutputStream().close();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        assertFalse(StartupCacheAssembly.underWay(cache), "the lock of a process that ended is free");
        assertTrue(new StartupCache(cache).options(0, log).contains("-XX:AOTMode=record"));
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
    void aRecordingCutShortIsNeverAssembled(@TempDir Path directory) throws IOException {
        Path cache = directory.resolve("workers.aot");
        StartupCache startup = new StartupCache(cache);
        Path recording = recordingOf(startup.options(0, directory.resolve("log")));
        Files.writeString(recording, "half a configuration");
        startup.exited(0, 137, directory.resolve("worker.log"));
        assertFalse(Files.exists(cache), "a killed worker may have written part of the configuration");
        assertFalse(Files.exists(recording), "its recording is removed");
        assertFalse(Files.exists(StartupCacheFiles.lock(cache)), "no assembler was started");
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
        assertTrue(startup.options(4, used).contains("-XX:AOTMode=record"));
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
        for (int i = 0; i < StartupCacheFiles.KEEP + 3; i++) {
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

        StartupCacheFiles.prune(directory, oldest);

        for (int i = 0; i < caches.size(); i++) {
            boolean kept = i < StartupCacheFiles.KEEP || caches.get(i).equals(oldest);
            assertEquals(kept, Files.exists(caches.get(i)), caches.get(i).toString());
        }
        assertTrue(Files.exists(freshRecording), "a recording under way is left alone");
        assertFalse(Files.exists(staleRecording), "a recording left by a killed worker goes");
        assertTrue(Files.exists(someoneElses), "files that are not our caches are never touched");
    }

    @Test
    void aStartRemovesWhatKilledRecordingsAndAssemblersLeftAndNothingOfALiveProcess(@TempDir Path directory)
            throws Exception {
        Process ended = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        ended.waitFor();
        long dead = ended.pid();
        long alive = ProcessHandle.current().pid();
        long now = System.currentTimeMillis();
        String cache = String.format("workers-%024x.aot", 7);
        Path deadAssembly = Files.writeString(directory.resolve(cache + ".assembling-" + dead), "half a cache");
        Path deadAssemblyConfiguration = Files.writeString(directory.resolve(cache + ".assembling-" + dead + ".aotconf"),
                "x");
        Path liveAssembly = Files.writeString(directory.resolve(cache + ".assembling-" + alive), "being written");
        Path handedOver = Files.writeString(directory.resolve(cache + ".recording-" + dead + "-5.aotconf"), "x");
        Path deadRecording = Files.writeString(directory.resolve(cache + ".recording-" + dead + "-6.aotconf"), "x");
        Files.setLastModifiedTime(deadRecording, FileTime.fromMillis(now - 120_000L));
        Path staleOfLiveProcess = Files.writeString(directory.resolve(cache + ".assembling-" + alive + ".aotconf"), "x");
        Files.setLastModifiedTime(staleOfLiveProcess, FileTime.fromMillis(now - 7_200_000L));
        Path lock = Files.writeString(directory.resolve(cache + ".lock"), "");

        StartupCacheFiles.sweep(directory);

        assertFalse(Files.exists(deadAssembly), "a cache half-written by a killed assembler goes");
        assertFalse(Files.exists(deadAssemblyConfiguration));
        assertFalse(Files.exists(deadRecording), "a recording its dead driver never handed over goes");
        assertFalse(Files.exists(staleOfLiveProcess), "an hour-old file goes whoever its pid names now");
        assertTrue(Files.exists(liveAssembly), "a live assembler's file is left alone");
        assertTrue(Files.exists(handedOver), "a dead driver's fresh recording may be on its way to an assembler");
        assertTrue(Files.exists(lock));
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}

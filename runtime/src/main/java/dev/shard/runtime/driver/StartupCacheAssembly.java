package dev.shard.runtime.driver;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The driver's side of assembling a workers' AOT cache: starts a {@link StartupCacheAssembler}
 * process once a recording worker has dumped its configuration, and tells a starting pool
 * whether an assembly of its cache is under way (then none of its workers records the cache
 * again: it would be thrown away). The assembler is not waited for: it outlives a driver
 * that exits, and a pool started meanwhile starts its workers without the cache, unless
 * {@value #AWAIT_PROPERTY} asks it to wait for this JVM's own assembler.
 */
final class StartupCacheAssembly {
    /**
     * {@code -Dshard.aot.await=true}: a pool started while this JVM's assembler of its cache runs
     * waits for it (up to {@link #AWAIT_LIMIT}), as {@code bin/driver-aot.sh}'s training does so
     * that its second pool, and every command after it, starts from the cache.
     */
    static final String AWAIT_PROPERTY = "shard.aot.await";
    static final Duration AWAIT_LIMIT = Duration.ofMinutes(2);
    /** The assembler is a small program: the first JIT tier and a small heap are all it needs. */
    static final List<String> ASSEMBLER_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx64m");
    private static final Map<Path, Process> OWN = new ConcurrentHashMap<>();

    private StartupCacheAssembly() {
    }

    /**
     * Starts the assembler of {@code cache} from {@code configuration}; the creating JVM gets
     * the workers' options, so that the cache is made for the JVMs that will map it.
     */
    static Process start(Path cache, Path configuration, List<String> workerOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ASSEMBLER_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), StartupCacheAssembler.class.getName(),
                cache.toString(), configuration.toString()));
        command.addAll(workerOptions);
        // Its output goes to the cache's assembly log: nothing may tie it to this JVM, which may exit first.
        Process assembler = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        OWN.put(cache, assembler);
        return assembler;
    }

    /** True while an assembler of {@code cache} runs: this JVM's own, or another's holding the cache's lock. */
    static boolean underWay(Path cache) {
        Process own = OWN.get(cache);
        if (own != null && own.isAlive()) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(StartupCacheFiles.lock(cache), StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException | OverlappingFileLockException e) {
            // Unknown: at worst this pool records the cache once more, and the second assembler finds it made.
            return false;
        }
    }

    /** With {@value #AWAIT_PROPERTY} set, waits for this JVM's own assembler of {@code cache}, if one runs. */
    static void awaitIfAsked(Path cache) {
        if ("true".equalsIgnoreCase(System.getProperty(AWAIT_PROPERTY, "false").strip())) {
            await(cache, AWAIT_LIMIT);
        }
    }

    /** Waits up to {@code limit} for this JVM's own assembler of {@code cache}; true when none runs any more. */
    static boolean await(Path cache, Duration limit) {
        Process own = OWN.get(cache);
        if (own == null) {
            return true;
        }
        try {
            return own.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static java.io.File nullDevice() {
        return Path.of(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null").toFile();
    }
}

package dev.shard.runtime.driver;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The process that turns a recording worker's AOT configuration into the workers' AOT cache,
 * in its own JVM so that neither the pool's close nor the user's command waits for it (JDK 25
 * {@code -XX:AOTMode=create}: seconds of CPU, longer under load or with a large profile). It
 * takes the configuration over (renamed to a name with its own pid), waits for the cache's
 * lock so that one assembler at a time works on a cache, runs the creating JVM into a
 * temporary file, and renames that into place only after the JVM said it was done: a cache is
 * either whole or absent. Killed at any point, it leaves files named by its dead pid, which
 * the next pool's start removes ({@link StartupCacheFiles#sweep}). What the creating JVM
 * printed is kept in {@code <cache>.assembly.log} when it failed.
 *
 * <pre>java -cp &lt;workers' classpath&gt; dev.shard.runtime.driver.StartupCacheAssembler &lt;cache&gt; &lt;configuration&gt; [worker JVM option...]</pre>
 */
public final class StartupCacheAssembler {
    /** A creation still running after this is stuck: the cache is left unmade and recorded again later. */
    private static final long CREATION_PATIENCE_MINUTES = 10;
    private static final int FAILED = 1;

    private final Path cache;
    private final Path configuration;
    private final List<String> workerOptions;

    private StartupCacheAssembler(Path cache, Path configuration, List<String> workerOptions) {
        this.cache = cache;
        this.configuration = configuration;
        this.workerOptions = workerOptions;
    }

    public static void main(String[] arguments) {
        if (arguments.length < 2) {
            System.err.println("usage: StartupCacheAssembler <cache> <AOT configuration> [worker JVM option...]");
            System.exit(2);
        }
        List<String> options = Arrays.asList(arguments).subList(2, arguments.length);
        System.exit(new StartupCacheAssembler(Path.of(arguments[0]), Path.of(arguments[1]), options).assemble());
    }

    private int assemble() {
        long pid = ProcessHandle.current().pid();
        Path owned = StartupCacheFiles.assemblyConfiguration(cache, pid);
        Path temporary = StartupCacheFiles.assembling(cache, pid);
        try {
            Files.move(configuration, owned, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            return note("the AOT configuration " + configuration + " is gone (" + e + "): nothing to assemble");
        }
        try (FileChannel channel = FileChannel.open(StartupCacheFiles.lock(cache), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
            if (Files.isRegularFile(cache)) {
                // Two pools recorded at once: the other assembler finished first.
                return 0;
            }
            return create(owned, temporary);
        } catch (IOException e) {
            return note("cannot assemble the AOT cache " + cache + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        } finally {
            deleteQuietly(owned);
            deleteQuietly(temporary);
        }
    }

    private int create(Path owned, Path temporary) throws IOException, InterruptedException {
        Path log = StartupCacheFiles.assemblyLog(cache);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(workerOptions);
        command.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + owned, "-XX:AOTCache=" + temporary,
                "-cp", System.getProperty("java.class.path")));
        Process creation = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!creation.waitFor(CREATION_PATIENCE_MINUTES, TimeUnit.MINUTES)) {
            creation.destroyForcibly().waitFor();
            return note("the JVM creating the AOT cache " + cache + " ran over " + CREATION_PATIENCE_MINUTES
                    + " minutes; it was killed");
        }
        if (creation.exitValue() != 0 || !Files.isRegularFile(temporary) || Files.size(temporary) == 0) {
            return note("the JVM creating the AOT cache " + cache + " exited " + creation.exitValue()
                    + " without a cache (its output is above)");
        }
        Files.move(temporary, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        deleteQuietly(log);
        StartupCacheFiles.prune(cache.getParent(), cache);
        return 0;
    }

    /** Appends a line to the assembly log (the driver that started this process may be gone). */
    private int note(String message) {
        try (PrintStream out = new PrintStream(Files.newOutputStream(StartupCacheFiles.assemblyLog(cache),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND), true, StandardCharsets.UTF_8)) {
            out.println("shard: " + message);
        } catch (IOException ignored) {
            // Nowhere left to say it; the next pool records the cache again.
        }
        return FAILED;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Named by this process's pid: the next pool's start removes it.
        }
    }
}

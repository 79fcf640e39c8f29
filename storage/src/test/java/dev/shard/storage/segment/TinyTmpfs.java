package dev.shard.storage.segment;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real, small tmpfs mounted for one test, so a full /dev/shm can be met without
 * filling the machine's. Mounting needs root (CI runs as root); elsewhere the test is
 * skipped with the reason. Close unmounts.
 */
final class TinyTmpfs implements AutoCloseable {
    private final Path directory;

    private TinyTmpfs(Path directory) {
        this.directory = directory;
    }

    static TinyTmpfs mount(Path directory, int megabytes) throws Exception {
        String output = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m,mode=0700", "tmpfs",
                directory.toString()));
        assumeTrue(output == null, "cannot mount a " + megabytes + " MiB tmpfs (needs root): " + output);
        return new TinyTmpfs(directory);
    }

    Path directory() {
        return directory;
    }

    @Override
    public void close() throws Exception {
        String output = run(List.of("umount", directory.toString()));
        if (output != null) {
            throw new IllegalStateException("cannot unmount " + directory + ": " + output);
        }
    }

    /** Null on success, else what the command said. */
    private static String run(List<String> command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return String.join(" ", command) + " timed out";
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.exitValue() == 0 ? null : output.isBlank() ? "exit " + process.exitValue() : output.trim();
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}

package dev.shard.runtime.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A small tmpfs mounted for one test, standing in for a tight /dev/shm or a full disk.
 * Mounting needs root (CI runs as root); {@link #unavailable()} says why it cannot be had.
 */
public final class SmallTmpfs implements AutoCloseable {
    private static final int FILL_CHUNK = 256 * 1024;
    private final Path path;

    private SmallTmpfs(Path path) {
        this.path = path;
    }

    /** Why no tmpfs can be mounted here, or empty when it can. */
    public static Optional<String> unavailable() throws IOException {
        int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        if (uid != 0) {
            return Optional.of("mounting a tmpfs needs root and the tests run as uid " + uid
                    + " (CI runs them as root)");
        }
        return Optional.empty();
    }

    /** Mounts a tmpfs of {@code mebibytes} MiB at {@code path} (created), private to this user. */
    public static SmallTmpfs mount(Path path, int mebibytes) throws IOException, InterruptedException {
        Files.createDirectories(path);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + mebibytes + "m,mode=0700", "tmpfs",
                path.toString()).redirectErrorStream(true).start();
        String output = new String(mount.getInputStream().readAllBytes());
        if (!mount.waitFor(30, TimeUnit.SECONDS) || mount.exitValue() != 0) {
            throw new IOException("cannot mount a tmpfs at " + path + ": " + output.strip()
                    + " (the container may lack CAP_SYS_ADMIN)");
        }
        return new SmallTmpfs(path);
    }

    public Path path() {
        return path;
    }

    /** Writes a file until the file system is full; returns the bytes written. */
    public long fill() throws IOException {
        long written = 0;
        byte[] chunk = new byte[FILL_CHUNK];
        try (OutputStream out = Files.newOutputStream(path.resolve("filler"))) {
            while (true) {
                out.write(chunk);
                out.flush();
                written += chunk.length;
            }
        } catch (IOException full) {
            return written;
        }
    }

    /** Removes the filler so the run's leftovers (if any) can be seen and the mount removed. */
    public void unfill() throws IOException {
        Files.deleteIfExists(path.resolve("filler"));
    }

    /** Run directories still present under the shm and spill roots on this file system. */
    public List<Path> runDirectories() throws IOException {
        List<Path> left = new java.util.ArrayList<>();
        for (String root : List.of("shm", "spill")) {
            Path directory = path.resolve(root);
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (Stream<Path> entries = Files.list(directory)) {
                entries.filter(entry -> entry.getFileName().toString().startsWith("run-")).forEach(left::add);
            }
        }
        return left;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        unfill();
        Process umount = new ProcessBuilder("umount", path.toString()).redirectErrorStream(true).start();
        String output = new String(umount.getInputStream().readAllBytes());
        if (!umount.waitFor(30, TimeUnit.SECONDS) || umount.exitValue() != 0) {
            throw new IOException("cannot unmount the tmpfs at " + path + ": " + output.strip());
        }
    }
}

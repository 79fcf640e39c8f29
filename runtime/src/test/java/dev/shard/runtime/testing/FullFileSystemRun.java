package dev.shard.runtime.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@link FullFileSystemDriver} in its own JVM with its shm and spill roots on {@code fileSystem}. */
public final class FullFileSystemRun {
    /** 1 Mi longs: two 8 MiB segments, so a 24 MiB tmpfs has room for them and not for a third. */
    private static final int ITEMS = 1 << 20;
    private static final int SHARDS = 400;
    private static final long PATIENCE_SECONDS = 120;

    private final Process driver;
    private final Path log;
    private final List<ProcessHandle> descendants = new ArrayList<>();

    private FullFileSystemRun(Process driver, Path log) {
        this.driver = driver;
        this.log = log;
    }

    public static FullFileSystemRun start(Path fileSystem, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED", "-Dshard.aot=false", "-cp", System.getProperty("java.class.path"),
                FullFileSystemDriver.class.getName(), Integer.toString(ITEMS), Integer.toString(SHARDS)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SHARD_SHM_DIR", fileSystem.resolve("shm").toString());
        builder.environment().put("SHARD_SPILL_DIR", fileSystem.resolve("spill").toString());
        return new FullFileSystemRun(builder.start(), log);
    }

    /** Waits until the driver is about to run (its pool is up), and notes its worker processes. */
    public void awaitRunning() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (!printed("running")) {
            if (!driver.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the driver never started its run\n" + log());
            }
            Thread.sleep(10);
        }
        descendants.addAll(driver.descendants().toList());
    }

    public void awaitExit() throws IOException, InterruptedException {
        if (!driver.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
            driver.destroyForcibly();
            throw new AssertionError("the driver did not finish within " + PATIENCE_SECONDS + " s\n" + log());
        }
    }

    public int exitCode() {
        return driver.exitValue();
    }

    public boolean printed(String text) throws IOException {
        return log().contains(text);
    }

    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** The driver's workers still alive a few seconds after it exited (they must exit with it). */
    public List<ProcessHandle> descendantsAlive() throws InterruptedException {
        for (int i = 0; i < 50 && descendants.stream().anyMatch(ProcessHandle::isAlive); i++) {
            Thread.sleep(100);
        }
        List<ProcessHandle> alive = descendants.stream().filter(ProcessHandle::isAlive).toList();
        alive.forEach(ProcessHandle::destroyForcibly);
        return alive;
    }
}

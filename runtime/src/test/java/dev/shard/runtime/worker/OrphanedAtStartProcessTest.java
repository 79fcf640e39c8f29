package dev.shard.runtime.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker JVM that reaches its main method after its driver died (a loaded machine starts
 * JVMs slowly; Ctrl-C came first) exits at once. It used to be re-parented to init, watch
 * that as its "parent", and retry connecting to the removed socket for the whole 30 s connect
 * patience: the driver exited 130 in time, but a worker outlived it by seconds.
 */
@Tag("process")
@Timeout(60)
class OrphanedAtStartProcessTest {
    /** JVM start-up on a loaded 2-core machine plus the check; far below the 30 s connect patience. */
    private static final long EXIT_WITHIN_SECONDS = 10;

    @TempDir
    Path directory;

    @Test
    void aWorkerWhoseDriverDiedBeforeItStartedExitsAtOnce() throws Exception {
        Path log = directory.resolve("worker.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The shell stands in for the driver: it starts the worker, names itself as the driver and exits.
        String command = "'" + java + "' --add-opens=java.base/java.nio=ALL-UNNAMED"
                + " --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED"
                + " -D" + WorkerMain.WORKER_PROPERTY + "=run-test:0"
                + " -D" + WorkerMain.SOCKET_PROPERTY + "='" + directory.resolve("gone.sock") + "'"
                + " -D" + WorkerMain.DRIVER_PROPERTY + "=$$"
                + " -cp '" + System.getProperty("java.class.path") + "' " + WorkerMain.class.getName()
                + " >'" + log + "' 2>&1 & echo $!";
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command);
        builder.environment().put(WorkerMain.TOKEN_ENV, "00");
        builder.environment().put("SHARD_SHM_DIR", Files.createDirectories(directory.resolve("shm")).toString());
        builder.environment().put("SHARD_SPILL_DIR", Files.createDirectories(directory.resolve("spill")).toString());
        Process driver = builder.start();
        long workerPid = Long.parseLong(new String(driver.getInputStream().readAllBytes()).strip());
        assertEquals(0, driver.waitFor(), "the stand-in driver");
        Optional<ProcessHandle> worker = ProcessHandle.of(workerPid);
        try {
            if (worker.isPresent()) {
                worker.get().onExit().get(EXIT_WITHIN_SECONDS, TimeUnit.SECONDS);
            }
            String output = Files.readString(log);
            assertTrue(output.contains("is gone; exiting"), output);
        } finally {
            worker.ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}

package dev.shard.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C and SIGTERM to a real {@code shard example} driver mid-run: it exits 130 / 143,
 * its workers are gone and its run directories removed within about 3 s, and the report
 * it was asked to write is absent, never half-written under its final name.
 */
@Tag("process")
@Timeout(120)
class DriverSignalProcessTest {
    private static final long CLEAN_WITHIN_MILLIS = 3_000;

    @TempDir
    Path directory;

    @ParameterizedTest(name = "SIG{0} → exit {1}")
    @CsvSource({"INT, 130", "TERM, 143"})
    void aSignalledDriverStopsCleanly(String signal, int expectedExit) throws Exception {
        Path shm = Files.createDirectories(directory.resolve("shm"));
        Path spill = Files.createDirectories(directory.resolve("spill"));
        Path report = directory.resolve("report.json");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "dev.shard.dsl.cli.ShardCommand", "example", "tiny-tasks", "--tasks", "400000", "--workers", "2",
                "--task-micros", "100", "--report-json", report.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("driver.log").toFile());
        builder.environment().put("SHARD_SHM_DIR", shm.toString());
        builder.environment().put("SHARD_SPILL_DIR", spill.toString());
        Process driver = builder.start();
        try {
            List<ProcessHandle> workers = awaitWorkers(driver);
            Thread.sleep(500);
            assertTrue(driver.isAlive(), "the run was still going when signalled\n" + log());
            new ProcessBuilder("kill", "-" + signal, Long.toString(driver.pid())).start().waitFor();
            long signalled = System.nanoTime();
            assertTrue(driver.waitFor(CLEAN_WITHIN_MILLIS, TimeUnit.MILLISECONDS), "driver still running\n" + log());
            assertEquals(expectedExit, driver.exitValue(), log());
            for (ProcessHandle worker : workers) {
                long left = CLEAN_WITHIN_MILLIS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
                worker.onExit().get(Math.max(1, left), TimeUnit.MILLISECONDS);
            }
            assertEquals(List.of(), runDirectories(shm), "run directories left in the shm root");
            assertEquals(List.of(), runDirectories(spill), "run directories left in the spill root");
            assertFalse(Files.exists(report), "a report file from an unfinished run");
            assertFalse(Files.exists(report.resolveSibling("report.json.tmp")), "a half-written report");
        } finally {
            driver.destroyForcibly();
            driver.descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** The driver's worker processes once both run. */
    private static List<ProcessHandle> awaitWorkers(Process driver) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            List<ProcessHandle> workers = driver.children()
                    .filter(child -> child.info().arguments().map(List::of).orElse(List.of()).stream()
                            .anyMatch(argument -> argument.startsWith("-Dshard.worker=")))
                    .toList();
            if (workers.size() == 2) {
                return workers;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the driver started no workers within 30 s");
    }

    private static List<Path> runDirectories(Path root) throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(entry -> entry.getFileName().toString().startsWith("run-")).toList();
        }
    }

    private String log() throws IOException {
        return Files.readString(directory.resolve("driver.log"));
    }
}

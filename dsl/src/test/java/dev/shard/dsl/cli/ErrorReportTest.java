package dev.shard.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.runtime.api.RunFailedException;
import dev.shard.storage.StorageException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expected errors: one message and a documented code; bugs: a short message and a crash file. */
class ErrorReportTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:11:12Z");
    private static final String NO_SPACE = "cannot reserve 1.6 GiB in /dev/shm/shard-0: 256.0 MiB free;"
            + " set SHARD_SHM_DIR to a larger file system";

    @TempDir
    Path state;

    private record Printed(int code, String err) {
    }

    private Printed report(Throwable error, String... arguments) {
        StringWriter err = new StringWriter();
        int code = new ErrorReport(Map.of("XDG_STATE_HOME", state.toString()), NOW, 4242)
                .report(error, List.of(arguments), new PrintWriter(err, true));
        return new Printed(code, err.toString());
    }

    @Test
    void aStorageErrorIsOneLineWithoutAStackTrace() {
        Printed printed = report(new StorageException(NO_SPACE), "example", "colcor");
        assertEquals(ErrorReport.RUN_FAILED, printed.code());
        assertEquals("shard: " + NO_SPACE + "\n(add --verbose or set SHARD_VERBOSE=1 for the stack trace)\n",
                printed.err());
    }

    @Test
    void aWrappedExpectedErrorIsFoundInTheCauseChain() {
        Printed printed = report(new IllegalStateException("wrapper", new StorageException(NO_SPACE)));
        assertEquals(ErrorReport.RUN_FAILED, printed.code());
        assertTrue(printed.err().startsWith("shard: " + NO_SPACE + "\n"), printed.err());
    }

    @Test
    void verboseAddsTheStackTrace() {
        Printed printed = report(new StorageException(NO_SPACE), "example", "colcor", "--verbose");
        assertTrue(printed.err().contains("\tat dev.shard.dsl.cli.ErrorReportTest"), printed.err());
    }

    @Test
    void documentedCodes() {
        assertEquals(Optional.of(ErrorReport.RUN_FAILED),
                ErrorReport.expectedCode(new RunFailedException("shard 5 failed after 4 attempts", List.of())));
        assertEquals(Optional.of(ErrorReport.BUDGET), ErrorReport.expectedCode(
                new dev.shard.planner.physical.InfeasibleBudgetException("memory budget 1 MiB cannot hold a worker", 64L << 20)));
        assertEquals(Optional.empty(), ErrorReport.expectedCode(new NullPointerException()));
    }

    @Test
    void aBugWritesACrashFileWithTheTraceAndTheVersions() throws Exception {
        Printed printed = report(new UncheckedIOException(new java.io.IOException("boom")), "example", "tiny-tasks");
        assertEquals(ErrorReport.INTERNAL, printed.code());
        Path crash = state.resolve("shard").resolve("crash-20261201-101112-4242.txt");
        assertTrue(printed.err().startsWith("shard: internal error: java.io.UncheckedIOException: java.io.IOException:"
                + " boom\nshard: the details are in " + crash + "; please attach it"), printed.err());
        assertFalse(printed.err().contains("\tat "), "no stack trace on the terminal without --verbose");
        String text = Files.readString(crash);
        assertTrue(text.contains("command: shard example tiny-tasks\n"), text);
        assertTrue(text.contains("java: " + Runtime.version()), text);
        assertTrue(text.contains("os: Linux"), text);
        assertTrue(text.contains("\tat dev.shard.dsl.cli.ErrorReportTest"), text);
    }

    @Test
    void withoutXdgStateHomeCrashFilesGoUnderHome() {
        ErrorReport report = new ErrorReport(Map.of("HOME", "/home/ana"), NOW, 1);
        assertEquals(Path.of("/home/ana/.local/state/shard"), report.crashDirectory());
    }

    @Test
    void theCommandLineRoutesErrorsHere() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ShardCommand.execute(new String[] {"gc", "--no-such-option"}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertEquals(ErrorReport.USAGE, code, err.toString());
    }
}

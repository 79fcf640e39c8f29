package dev.shard.dsl.cli;

import dev.shard.runtime.api.RunFailedException;
import dev.shard.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * How the command line reports an error that reached it. An expected error (a run that
 * failed, no space, a root that is not ours, an infeasible budget) prints its one-line
 * message — what, where, how to fix — and exits with its documented code; its stack trace
 * only under {@code --verbose} (or {@code SHARD_VERBOSE=1}). Anything else is a bug: a
 * short message and the path of a crash file holding the stack trace and the versions
 * (shard, Java, OS), so a user can attach it to a report without scrolling a terminal.
 *
 * <p>Exit codes (README, "When things go wrong"): 0 ok, 1 run failed or the machine
 * refused it (space, permissions, sizes), 2 usage, 3 script error, 4 memory budget
 * infeasible, 70 internal error (crash file written).
 */
public final class ErrorReport {
    public static final int RUN_FAILED = 1;
    public static final int USAGE = 2;
    public static final int SCRIPT_ERROR = 3;
    public static final int BUDGET = 4;
    /** sysexits' EX_SOFTWARE: an internal error, never a user's. */
    public static final int INTERNAL = 70;
    private static final DateTimeFormatter CRASH_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final Map<String, String> environment;
    private final Instant now;
    private final long pid;

    ErrorReport(Map<String, String> environment, Instant now, long pid) {
        this.environment = environment;
        this.now = now;
        this.pid = pid;
    }

    /** Reports {@code error} for this process and returns the exit code. */
    public static int handle(Throwable error, List<String> arguments, PrintWriter err) {
        return new ErrorReport(System.getenv(), Instant.now(), ProcessHandle.current().pid())
                .report(error, arguments, err);
    }

    int report(Throwable error, List<String> arguments, PrintWriter err) {
        boolean verbose = arguments.contains("--verbose") || "1".equals(environment.get("SHARD_VERBOSE"));
        Optional<Integer> expected = expectedCode(error);
        if (expected.isPresent()) {
            err.println("shard: " + expectedCause(error).getMessage());
            if (verbose) {
                error.printStackTrace(err);
            } else {
                err.println("(add --verbose or set SHARD_VERBOSE=1 for the stack trace)");
            }
            err.flush();
            return expected.get();
        }
        err.println("shard: internal error: " + error);
        try {
            Path crash = writeCrashFile(error, arguments);
            err.println("shard: the details are in " + crash + "; please attach it when you report this");
        } catch (IOException | RuntimeException cannotWrite) {
            err.println("shard: cannot write a crash file (" + cannotWrite.getMessage() + "); the stack trace:");
            error.printStackTrace(err);
        }
        if (verbose) {
            error.printStackTrace(err);
        }
        err.flush();
        return INTERNAL;
    }

    /** The documented exit code of an expected error anywhere in the cause chain, or empty for a bug. */
    static Optional<Integer> expectedCode(Throwable error) {
        Throwable cause = expectedCause(error);
        return switch (cause) {
            case StorageException ignored -> Optional.of(RUN_FAILED);
            case RunFailedException ignored -> Optional.of(RUN_FAILED);
            case dev.shard.runtime.tune.InfeasibleBudgetException ignored -> Optional.of(BUDGET);
            case dev.shard.planner.physical.InfeasibleBudgetException ignored -> Optional.of(BUDGET);
            default -> Optional.empty();
        };
    }

    private static Throwable expectedCause(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof StorageException || cause instanceof RunFailedException
                    || cause instanceof dev.shard.runtime.tune.InfeasibleBudgetException
                    || cause instanceof dev.shard.planner.physical.InfeasibleBudgetException) {
                return cause;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return error;
    }

    /** {@code ${XDG_STATE_HOME:-~/.local/state}/shard}. */
    Path crashDirectory() {
        String state = environment.get("XDG_STATE_HOME");
        Path base = state != null && !state.isBlank() ? Path.of(state)
                : Path.of(environment.getOrDefault("HOME", System.getProperty("user.home")), ".local", "state");
        return base.resolve("shard");
    }

    Path writeCrashFile(Throwable error, List<String> arguments) throws IOException {
        Path directory = Files.createDirectories(crashDirectory());
        Path file = directory.resolve("crash-" + CRASH_TIME.format(now) + "-" + pid + ".txt");
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        String text = "shard internal error at " + now + "\n"
                + "command: shard " + String.join(" ", arguments) + "\n"
                + "shard: " + shardVersion() + "\n"
                + "java: " + Runtime.version() + " (" + System.getProperty("java.vm.vendor") + ", "
                + System.getProperty("java.home") + ")\n"
                + "os: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch") + "\n\n" + trace;
        Files.writeString(file, text);
        return file;
    }

    private static String shardVersion() {
        Properties properties = new Properties();
        try (InputStream in = ErrorReport.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return properties.getProperty("version", "unknown");
    }
}

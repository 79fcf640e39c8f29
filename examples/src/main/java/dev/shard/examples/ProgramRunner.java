package dev.shard.examples;

import dev.shard.examples.options.ExampleOptions;
import dev.shard.examples.options.UsageException;
import dev.shard.storage.StorageException;
import java.io.PrintStream;
import java.util.List;

/**
 * The command-line contract every example keeps: {@code --help} prints the usage and
 * exits 0; a bad option says what, which and how to fix and exits 2; a failed run prints
 * the failure and exits 1; a storage error a user can act on (no space, an impossible
 * size, a root that is not theirs) prints its one-line message, no stack trace, and
 * exits 1. Anything else propagates to the command line ({@code dev.shard.dsl.cli.ErrorReport}),
 * which prints a short message and writes a crash file.
 */
public final class ProgramRunner {
    /** Exit code of a failed run or an expected (storage) error. */
    public static final int EXPECTED_ERROR = 1;

    private ProgramRunner() {
    }

    /** Parses the raw arguments into options of the example's own kind. */
    @FunctionalInterface
    public interface Parser {
        ExampleOptions parse(List<String> arguments) throws UsageException;
    }

    /** Turns parsed options into the example's typed options, checking their values. */
    @FunctionalInterface
    public interface Reader<O> {
        O read(ExampleOptions parsed) throws UsageException;
    }

    /** Runs the example with valid options; returns the exit code. */
    @FunctionalInterface
    public interface Execution<O> {
        int execute(O options, PrintStream out, PrintStream err) throws Exception;
    }

    public static <O> int run(String name, String usage, List<String> arguments, Parser parser, Reader<O> reader,
            Execution<O> execution, PrintStream out, PrintStream err) throws Exception {
        O options;
        try {
            ExampleOptions parsed = parser.parse(arguments);
            if (parsed.helpRequested()) {
                out.print(usage);
                return 0;
            }
            options = reader.read(parsed);
        } catch (UsageException e) {
            err.println(name + ": " + e.getMessage());
            err.println("run 'bin/shard example " + name + " --help' to see every option");
            return 2;
        }
        try {
            return execution.execute(options, out, err);
        } catch (StorageException e) {
            // Expected: the message says what, where and how to fix; a stack trace would bury it.
            err.println(name + ": " + e.getMessage());
            return EXPECTED_ERROR;
        }
        // Anything else goes to the command line's ErrorReport: a bug gets a crash file, not a screen of trace.
    }
}

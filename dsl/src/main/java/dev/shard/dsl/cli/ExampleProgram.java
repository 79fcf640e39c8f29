package dev.shard.dsl.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * A runnable example, found with {@link java.util.ServiceLoader} and run as
 * {@code bin/shard example <name> [options]}.
 */
public interface ExampleProgram {
    /** The name on the command line, such as {@code colcor}. */
    String name();

    /** One line for {@code bin/shard example --list}. */
    String description();

    /** Runs with the arguments after the name; returns the process exit code. */
    int run(List<String> arguments, PrintStream out, PrintStream err) throws Exception;
}

package dev.shard.dsl.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * A runnable example, run as {@code bin/shard example <name> [options]}. Register it twice in
 * its jar: in {@code META-INF/services} (for {@link java.util.ServiceLoader}, which lists the
 * examples) and in {@value ExampleCatalog#INDEX} (name and class, so running one by name
 * loads only that class); a program only in the services file still runs, after a scan of
 * every jar on the class path.
 */
public interface ExampleProgram {
    /** The name on the command line, such as {@code colcor}. */
    String name();

    /** One line for {@code bin/shard example --list}. */
    String description();

    /** Runs with the arguments after the name; returns the process exit code. */
    int run(List<String> arguments, PrintStream out, PrintStream err) throws Exception;
}

package dev.shard.dsl.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command. Exit codes ({@link ErrorReport}): 0 success, 1 run failed, 2 usage, 3 script error, 4 budget, 70 internal. */
@Command(name = "shard",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A local dataflow engine: supervised worker JVMs over zero-copy shared memory.",
        subcommands = {CheckCommand.class, ExampleCommand.class, GcCommand.class, CommandLine.HelpCommand.class})
public final class ShardCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] arguments) {
        System.exit(execute(arguments, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line without exiting the JVM (tests call this). */
    public static int execute(String[] arguments, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new ShardCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) ->
                ErrorReport.handle(exception, java.util.List.of(arguments), line.getErr()));
        return commandLine.execute(arguments);
    }
}

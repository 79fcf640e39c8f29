package dev.shard.dsl.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root command. Exit codes: 0 success, 1 run failed, 2 usage error, 3 script error,
 * 4 the memory budget cannot be met. {@code shard <script>} is short for {@code shard run <script>},
 * so a script starting with {@code #!/usr/bin/env shard} runs when executable.
 */
@Command(name = "shard",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A local dataflow engine: supervised worker JVMs over zero-copy shared memory.",
        subcommands = {RunCommand.class, CheckCommand.class, ExplainCommand.class, ExampleCommand.class, GcCommand.class, CommandLine.HelpCommand.class})
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
    private static String[] shortForRun(CommandLine commandLine, String[] arguments) {
        if (arguments.length == 0 || arguments[0].startsWith("-")
                || commandLine.getSubcommands().containsKey(arguments[0])) {
            return arguments;
        }
        String[] run = new String[arguments.length + 1];
        run[0] = "run";
        System.arraycopy(arguments, 0, run, 1, arguments.length);
        return run;
    }

    public static int execute(String[] arguments, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new ShardCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            line.getErr().println("shard: " + exception.getMessage());
            return 1;
        });
        return commandLine.execute(shortForRun(commandLine, arguments));
    }
}

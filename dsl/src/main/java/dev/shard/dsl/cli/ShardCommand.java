package dev.shard.dsl.cli;

import java.io.PrintWriter;
import java.time.Instant;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command. Exit codes: 0 success, 1 run failed, 2 usage error, 3 script error. */
@Command(name = "shard",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A local dataflow engine: supervised worker JVMs over zero-copy shared memory.",
        subcommands = {CheckCommand.class, ExampleCommand.class, GcCommand.class, CommandLine.HelpCommand.class})
public final class ShardCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Global: accepted before or after the subcommand's name ({@code shard --timings example colcor}). */
    @CommandLine.Option(names = "--timings", scope = CommandLine.ScopeType.INHERIT,
            description = "Print where the command's wall time went (launcher, JVM start, phases, teardown) on stderr.")
    void timings(boolean on) {
        if (on) {
            Timings.enable(System.getenv(), ProcessHandle.current().info().startInstant());
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] arguments) {
        Timings.mainStarted(System.nanoTime(), Instant.now());
        System.exit(execute(arguments, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line without exiting the JVM (tests call this). */
    public static int execute(String[] arguments, PrintWriter out, PrintWriter err) {
        Timings.executeStarted(System.nanoTime());
        CommandLine commandLine = new CommandLine(new ShardCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            line.getErr().println("shard: " + exception.getMessage());
            return 1;
        });
        int code = commandLine.execute(arguments);
        Timings.finish(err);
        return code;
    }
}

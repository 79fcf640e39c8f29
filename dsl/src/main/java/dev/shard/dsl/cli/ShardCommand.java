package dev.shard.dsl.cli;

import dev.shard.runtime.api.Pool;
import dev.shard.storage.segment.SegmentStore;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The root command. Exit codes ({@link ErrorReport}): 0 success, 1 run failed, 2 usage error,
 * 3 script error, 4 the memory budget cannot be met, 70 internal error. {@code shard <script>}
 * is short for {@code shard run <script>}, so a script starting with
 * {@code #!/usr/bin/env shard} runs when executable.
 */
@Command(name = "shard",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A local dataflow engine: supervised worker JVMs over zero-copy shared memory.",
        subcommands = {RunCommand.class, CheckCommand.class, ExplainCommand.class, ExampleCommand.class, GcCommand.class, CommandLine.HelpCommand.class})
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
        if (ExampleInvocation.of(arguments).isPresent()) {
            // An example starts a pool: on the core that is idle until its workers spawn, the
            // pool's one-time set-ups, the first segment's among them, in the order it needs them.
            // Its logging is settled now, before that thread makes the first logger.
            Logging.configure(false);
            Pool.prepareInBackground();
        } else {
            // On the core that is idle until workers spawn: the first segment's native set-up.
            SegmentStore.prepareInBackground();
        }
        System.exit(execute(arguments, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * {@code shard <script>} is short for {@code shard run <script>}, so that a script starting
     * with {@code #!/usr/bin/env shard} runs: the first word that is not a global option and
     * not a command is taken as a script.
     */
    private static String[] shortForRun(CommandLine commandLine, String[] arguments) {
        int first = 0;
        while (first < arguments.length && arguments[first].startsWith("-")) {
            first++;
        }
        if (first == arguments.length || commandLine.getSubcommands().containsKey(arguments[first])) {
            return arguments;
        }
        String[] run = new String[arguments.length + 1];
        System.arraycopy(arguments, 0, run, 0, first);
        run[first] = "run";
        System.arraycopy(arguments, first, run, first + 1, arguments.length - first);
        return run;
    }

    /** Runs the command line without exiting the JVM (tests call this). */
    public static int execute(String[] arguments, PrintWriter out, PrintWriter err) {
        Timings.executeStarted(System.nanoTime());
        Optional<ExampleInvocation> example = ExampleInvocation.of(arguments);
        if (example.isPresent()) {
            return withoutPicocli(example.get().timings(), arguments, out, err,
                    () -> ExampleCommand.run(false, example.get().name(), example.get().arguments(), out, err));
        }
        Optional<RunInvocation.Parsed> run = RunInvocation.of(arguments);
        if (run.isPresent()) {
            return withoutPicocli(run.get().timings(), arguments, out, err, () -> run.get().command().run(err));
        }
        CommandLine commandLine = new CommandLine(new ShardCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) ->
                ErrorReport.handle(exception, List.of(arguments), line.getErr()));
        int code = commandLine.execute(shortForRun(commandLine, arguments));
        Timings.finish(err);
        return code;
    }

    /** A command's plain form, run as picocli would run it, without building picocli's model. */
    private static int withoutPicocli(boolean timings, String[] arguments, PrintWriter out, PrintWriter err,
            Callable<Integer> command) {
        if (timings) {
            Timings.enable(System.getenv(), ProcessHandle.current().info().startInstant());
        }
        int code;
        try {
            code = command.call();
        } catch (Exception e) {
            code = ErrorReport.handle(e, List.of(arguments), err);
        }
        out.flush();
        Timings.finish(err);
        return code;
    }
}

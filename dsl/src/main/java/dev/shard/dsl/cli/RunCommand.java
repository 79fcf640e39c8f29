package dev.shard.dsl.cli;

import dev.shard.dsl.api.Session;
import dev.shard.dsl.api.SessionBuilder;
import dev.shard.dsl.api.Shard;
import dev.shard.dsl.run.ScriptRunException;
import dev.shard.dsl.run.ScriptRunner;
import dev.shard.planner.explain.ExplainJson;
import dev.shard.planner.physical.InfeasibleBudgetException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Checks a script, then runs it on a session of worker JVMs. Results on stdout; on stderr a
 * progress line (when stderr is a terminal) and the end summary. Exit codes: 0 ok, 1 run
 * failed, 2 usage error, 3 script error, 4 the memory budget cannot be met.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a .shard script on worker JVMs. Exit: 0 ok, 1 run failed, 2 usage, 3 script error,"
                + " 4 memory budget cannot be met.")
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Parameters(index = "0", paramLabel = "SCRIPT", description = "The .shard script.")
    Path script;

    @CommandLine.Option(names = "-p", paramLabel = "NAME=VALUE",
            description = "Override a param; the value is a literal of the language (20_000_000, 4GiB, \"text\").")
    List<String> overrides = new ArrayList<>();

    @CommandLine.Option(names = "--workers", paramLabel = "N", description = "Worker JVMs (default: cores).")
    Integer workers;

    @CommandLine.Option(names = "--memory-budget", paramLabel = "SIZE",
            description = "The whole run's memory budget, e.g. 4GiB (default: none).")
    String memoryBudget;

    @CommandLine.Option(names = "--report-json", paramLabel = "FILE", description = "Write the run reports as JSON.")
    Path reportJson;

    @CommandLine.Option(names = "--explain-json", paramLabel = "FILE",
            description = "Write explain with actuals as JSON.")
    Path explainJson;

    @CommandLine.Option(names = "--verbose", description = "Show library log lines on stderr.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        return run(spec.commandLine().getErr());
    }

    /** The command's work, also reached without picocli for its plain form ({@link RunInvocation}). */
    int run(PrintWriter err) throws Exception {
        Timings.phase("run: check, plan and run the script, summary");
        Logging.configure(verbose);
        Object checked = ScriptFiles.check(script, overrides, err);
        if (checked instanceof Integer code) {
            return code;
        }
        ScriptFiles.Checked script = (ScriptFiles.Checked) checked;
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        long start = System.nanoTime();
        SessionBuilder builder = Shard.local();
        try {
            if (workers != null) {
                builder.workers(workers);
            }
            if (memoryBudget != null) {
                builder.memoryBudget(memoryBudget);
            }
        } catch (IllegalArgumentException usage) {
            err.println("shard: " + usage.getMessage());
            return ScriptFiles.USAGE;
        }
        try (Session session = builder.open();
                Progress progress = Progress.forTerminal(session, memoryBudget, System.err)) {
            ScriptRunner.Outcome outcome = new ScriptRunner(session, script.source(), out, progress)
                    .run(script.result().lowered().orElseThrow());
            progress.close();
            if (reportJson != null) {
                write(reportJson, "[" + String.join(",", outcome.reports().stream().map(r -> Timings.annotate(r.toJson())).toList())
                        + "]\n");
            }
            if (explainJson != null) {
                write(explainJson, "[" + String.join(",", outcome.explanations().stream()
                        .map(ExplainJson::write).toList()) + "]\n");
            }
            err.print(Summary.render((System.nanoTime() - start) / 1e9, outcome.reports()));
            err.flush();
            return ScriptFiles.OK;
        } catch (InfeasibleBudgetException budget) {
            err.println("shard: " + budget.getMessage());
            return ScriptFiles.BUDGET;
        } catch (ScriptRunException failed) {
            err.println("shard: " + failed.getMessage());
            return ScriptFiles.RUN_FAILED;
        }
    }

    private static void write(Path file, String text) throws java.io.IOException {
        Path absolute = file.toAbsolutePath();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, absolute, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}

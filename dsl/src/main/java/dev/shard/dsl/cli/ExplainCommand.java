package dev.shard.dsl.cli;

import dev.shard.dsl.api.Session;
import dev.shard.dsl.api.SessionBuilder;
import dev.shard.dsl.api.Shard;
import dev.shard.planner.explain.ExplainLevel;
import dev.shard.planner.physical.InfeasibleBudgetException;
import dev.shard.dsl.run.ScriptRunException;
import dev.shard.dsl.run.ScriptExplainer;
import dev.shard.dsl.run.ScriptRunner;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Prints the plan of every query of a script: stages, shard sizes and why; {@code --analyze} runs it for actuals. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Explain a .shard script's plans (--verbose: after each rule; --analyze: run and show actuals).")
final class ExplainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Parameters(index = "0", paramLabel = "SCRIPT", description = "The .shard script.")
    Path script;

    @CommandLine.Option(names = "-p", paramLabel = "NAME=VALUE", description = "Override a param.")
    List<String> overrides = new ArrayList<>();

    @CommandLine.Option(names = "--verbose", description = "The plan after each rule.")
    boolean verbose;

    @CommandLine.Option(names = "--analyze", description = "Run the script and add the actual figures.")
    boolean analyze;

    @CommandLine.Option(names = "--format", paramLabel = "text|json", description = "Output format (default text).")
    String format = "text";

    @CommandLine.Option(names = "--workers", paramLabel = "N", description = "Worker JVMs (default: cores).")
    Integer workers;

    @CommandLine.Option(names = "--memory-budget", paramLabel = "SIZE", description = "Memory budget, e.g. 4GiB.")
    String memoryBudget;

    @Override
    public Integer call() throws Exception {
        Logging.configure(false);
        if (!format.equals("text") && !format.equals("json")) {
            spec.commandLine().getErr().println("shard: --format must be text or json, not " + format);
            return ScriptFiles.USAGE;
        }
        if (verbose && analyze) {
            spec.commandLine().getErr().println("shard: choose one of --verbose and --analyze");
            return ScriptFiles.USAGE;
        }
        Object checked = ScriptFiles.check(script, overrides, spec.commandLine().getErr());
        if (checked instanceof Integer code) {
            return code;
        }
        ScriptFiles.Checked script = (ScriptFiles.Checked) checked;
        ExplainLevel level = analyze ? ExplainLevel.ANALYZE : verbose ? ExplainLevel.VERBOSE : ExplainLevel.PLAN;
        SessionBuilder builder = Shard.local();
        if (workers != null) {
            builder.workers(workers);
        }
        if (memoryBudget != null) {
            builder.memoryBudget(memoryBudget);
        }
        List<ScriptExplainer.Part> parts = new ArrayList<>();
        try (Session session = builder.open()) {
            var lowered = script.result().lowered().orElseThrow();
            if (level == ExplainLevel.ANALYZE) {
                // The whole script runs, in order, so each let runs once and later parts read its result.
                ScriptRunner.Outcome outcome = new ScriptRunner(session, script.source(),
                        new PrintStream(OutputStream.nullOutputStream()), ScriptRunner.RunListener.NONE).run(lowered);
                parts.addAll(outcome.explained());
            } else {
                parts.addAll(ScriptExplainer.planned(lowered, script.source(), plan -> session.explain(plan, level),
                        session::planApply));
            }
        } catch (ScriptRunException failed) {
            spec.commandLine().getErr().println("shard: " + failed.getMessage());
            return ScriptFiles.RUN_FAILED;
        } catch (InfeasibleBudgetException budget) {
            spec.commandLine().getErr().println("shard: " + budget.getMessage());
            return ScriptFiles.BUDGET;
        }
        spec.commandLine().getOut().print(ScriptExplainer.render(parts, level, format.equals("json")));
        spec.commandLine().getOut().flush();
        return ScriptFiles.OK;
    }
}

package dev.shard.dsl.cli;

import dev.shard.dsl.api.Session;
import dev.shard.dsl.api.SessionBuilder;
import dev.shard.dsl.api.Shard;
import dev.shard.dsl.lower.LoweredStatement;
import dev.shard.planner.explain.ExplainJson;
import dev.shard.planner.explain.ExplainLevel;
import dev.shard.planner.explain.ExplainText;
import dev.shard.planner.explain.PlanExplanation;
import dev.shard.planner.physical.InfeasibleBudgetException;
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
        List<String> rendered = new ArrayList<>();
        try (Session session = builder.open()) {
            for (LoweredStatement statement : script.result().lowered().orElseThrow().statements()) {
                if (statement instanceof LoweredStatement.Query query) {
                    PlanExplanation plan = session.explain(query.plan(), level);
                    rendered.add(format.equals("json") ? ExplainJson.write(plan)
                            : "# " + query.span().location() + "\n" + ExplainText.render(plan, level));
                }
            }
        } catch (InfeasibleBudgetException budget) {
            spec.commandLine().getErr().println("shard: " + budget.getMessage());
            return ScriptFiles.BUDGET;
        }
        spec.commandLine().getOut().print(format.equals("json") ? "[" + String.join(",", rendered) + "]\n"
                : String.join("\n", rendered));
        spec.commandLine().getOut().flush();
        return ScriptFiles.OK;
    }
}

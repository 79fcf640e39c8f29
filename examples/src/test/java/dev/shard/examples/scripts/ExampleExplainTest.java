package dev.shard.examples.scripts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shard.dsl.check.CheckResult;
import dev.shard.dsl.diag.SourceText;
import dev.shard.dsl.run.ScriptExplainer;
import dev.shard.planner.explain.ExplainLevel;
import dev.shard.planner.matrix.MatrixApplyPlanner;
import dev.shard.planner.physical.PhysicalPlanner;
import dev.shard.planner.physical.PlanningContext;
import dev.shard.planner.run.PlanExplainer;
import dev.shard.runtime.tune.MachineProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every script of examples/ → the text {@code shard explain} prints for it, against golden
 * files in {@code golden/explain/<script>.txt} ({@code -Dgolden.update=true} rewrites them).
 * The machine profile and budget are pinned (2 workers of 42 MiB base, 92 µs dispatch, 4 GiB),
 * as the planner's explain goldens do, so the shard sizes do not move with the machine.
 * A new example without a golden file fails here until its golden is written and reviewed.
 */
class ExampleExplainTest {
    private static final MachineProfile MACHINE = new MachineProfile(2, 42L << 20, 92_000);
    private static final long BUDGET = 4L << 30;
    private static final Path EXPLAIN = Path.of("src/test/resources/golden/explain");

    @TempDir
    Path directory;

    @Test
    void everyExampleExplainsAsItsGoldenFile() throws IOException {
        List<String> scripts;
        try (Stream<Path> files = Files.list(ExampleScripts.EXAMPLES)) {
            scripts = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".shard"))
                    .sorted().toList();
        }
        assertEquals(10, scripts.size(), "examples: " + scripts);
        for (String script : scripts) {
            SourceText source = ExampleScripts.source(script, directory);
            CheckResult checked = ExampleScripts.check(source, directory, List.of());
            String text = ScriptExplainer.render(ScriptExplainer.planned(checked.lowered().orElseThrow(), source,
                    plan -> PlanExplainer.planned(PhysicalPlanner.plan(plan, new PlanningContext(MACHINE, BUDGET, 0))),
                    apply -> MatrixApplyPlanner.plan(apply, new PlanningContext(MACHINE, BUDGET, 0), false)),
                    ExplainLevel.PLAN, false);
            // Paths made absolute for the test read as they do in the repository.
            String portable = text.replace(ExampleScripts.EXAMPLES + "/", "examples/")
                    .replace(directory + "/", "");
            ExampleScripts.assertGolden(EXPLAIN.resolve(script.replace(".shard", ".txt")), portable);
        }
    }
}

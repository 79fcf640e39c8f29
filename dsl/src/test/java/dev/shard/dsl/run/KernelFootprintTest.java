package dev.shard.dsl.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shard.dsl.check.CheckResult;
import dev.shard.dsl.check.ScriptChecker;
import dev.shard.dsl.diag.SourceText;
import dev.shard.dsl.lower.LoweredStatement;
import dev.shard.planner.explain.ExplainLevel;
import dev.shard.planner.explain.ExplainText;
import dev.shard.planner.physical.PhysicalPlan;
import dev.shard.planner.physical.PhysicalPlanner;
import dev.shard.planner.physical.PlanningContext;
import dev.shard.planner.run.PlanExplainer;
import dev.shard.runtime.tune.MachineProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A {@code map kernel} whose class declares a footprint per row is sized by the tuner with
 * it: under a budget, memory binds and the shards shrink, and explain shows the footprint
 * and the amplification it adds. Planned against a pinned machine profile, no workers.
 */
class KernelFootprintTest {
    private static final MachineProfile MACHINE = new MachineProfile(2, 42L << 20, 92_000);
    private static final long BUDGET = 1L << 30;

    private static PhysicalPlan plan(String kernel, String parameters) {
        SourceText source = new SourceText("footprint.shard", "from generate(50_000_000) {id = row()}"
                + " | map kernel \"" + kernel + "\" {" + parameters + "} | take 3\n");
        CheckResult checked = ScriptChecker.withDefaults().check(source, List.of());
        assertTrue(!checked.hasErrors(), ScriptChecker.render(checked));
        var query = (LoweredStatement.Query) checked.lowered().orElseThrow().statements().getFirst();
        return PhysicalPlanner.plan(query.plan(), new PlanningContext(MACHINE, BUDGET, 0));
    }

    @Test
    void aDeclaredFootprintBindsMemoryAndShowsInExplain() {
        PhysicalPlan streaming = plan(RowCountingKernel.class.getName(), "log = \"/dev/null\"");
        PhysicalPlan buffering = plan(BufferingKernel.class.getName(), "bytes = 4096");
        assertEquals("balance", streaming.stage().sizing().binding());
        assertEquals("memory", buffering.stage().sizing().binding());
        assertTrue(buffering.stage().sizing().rowsPerShard() < streaming.stage().sizing().rowsPerShard());
        // (1 GiB − 2 × 42 MiB) / 2 workers / (4,096 B ÷ 8 B + 1× rows written as they come) / 8 B per row, in whole blocks.
        assertEquals(65_536, buffering.stage().sizing().rowsPerShard(), buffering.stage().sizing().arithmetic());
        String text = ExplainText.render(PlanExplainer.planned(buffering), ExplainLevel.PLAN);
        assertTrue(text.contains("footprint=4.0 KiB/row declared by the kernel"), text);
        assertTrue(text.contains("note: amplification 513× per shard byte, with 512× from BufferingKernel"
                + " (4.0 KiB/row ÷ 8 B/row input)"), text);
        assertTrue(text.contains("/ 513× amplification / 8 B/row"), text);
        String plain = ExplainText.render(PlanExplainer.planned(streaming), ExplainLevel.PLAN);
        assertTrue(plain.contains("footprint=0 B/row (declares none: streams its batches)"), plain);
    }

    @Test
    void aNegativeFootprintIsAScriptError() {
        SourceText source = new SourceText("bad.shard", "from generate(10) {id = row()}"
                + " | map kernel \"" + BufferingKernel.class.getName() + "\" {bytes = -1}\n");
        CheckResult checked = ScriptChecker.withDefaults().check(source, List.of());
        String rendered = ScriptChecker.render(checked);
        assertTrue(rendered.contains("declares a footprint of -1.0 bytes per row"), rendered);
        assertTrue(rendered.contains("footprintBytesPerRow must return a finite number ≥ 0"), rendered);
    }
}

package dev.shard.planner.explain;

import static dev.shard.planner.testing.GoldenFiles.assertMatchesGolden;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Explain text and JSON against golden files, with a pinned machine profile. */
class ExplainRenderingTest {
    @Test
    void planText() {
        assertMatchesGolden("explain/w2-plan.txt", ExplainText.render(Explanations.w2(false), ExplainLevel.PLAN));
    }

    @Test
    void verboseTextAddsThePlanAfterEachRule() {
        String text = ExplainText.render(Explanations.w2(false), ExplainLevel.VERBOSE);
        assertMatchesGolden("explain/w2-verbose.txt", text);
        assertTrue(text.contains("After rule push_down_filter (changed):"), text);
    }

    @Test
    void analyzeTextFlagsEstimatesOffByMoreThanTwice() {
        String text = ExplainText.render(Explanations.w2(true), ExplainLevel.ANALYZE);
        assertMatchesGolden("explain/w2-analyze.txt", text);
        assertTrue(text.lines().anyMatch(line -> line.contains("FilterExec") && line.contains("!)")), text);
        assertFalse(text.lines().anyMatch(line -> line.contains("GenerateExec") && line.contains("!")), text);
    }

    @Test
    void aDerivedBudgetSaysWhereItCameFrom() {
        PlanExplanation set = Explanations.w2(false);
        String source = "derived: 2 workers' shares of 90% of 3.0 GiB from cgroup v2 memory.max"
                + " (/sys/fs/cgroup/job/memory.max), the driver keeping one share";
        PlanExplanation derived = new PlanExplanation(set.stages(), set.memoryBudgetBytes(), source,
                set.sharedBytes(), false, 0, set.ruleSteps());
        assertTrue(ExplainText.render(derived, ExplainLevel.PLAN).startsWith("Plan — memory budget 4.0 GiB ("
                + source + "), 305 MiB shared"), ExplainText.render(derived, ExplainLevel.PLAN));
        assertTrue(ExplainJson.write(derived).contains("\"memoryBudgetSource\" : \"" + source + "\""),
                ExplainJson.write(derived));
    }

    @Test
    void theFlagIsStrictlyBeyondTwice() {
        assertFalse(ExplainText.offByMoreThanTwice(200, 100));
        assertTrue(ExplainText.offByMoreThanTwice(201, 100));
        assertFalse(ExplainText.offByMoreThanTwice(50, 100));
        assertTrue(ExplainText.offByMoreThanTwice(49, 100));
        assertTrue(ExplainText.offByMoreThanTwice(0, 1));
    }

    @Test
    void jsonHasExactNumbersAndTheSchemaVersion() throws Exception {
        String json = ExplainJson.write(Explanations.w2(true));
        assertMatchesGolden("explain/w2-analyze.json", json);
        JsonNode root = new ObjectMapper().readTree(json);
        assertEquals(1, root.get("schemaVersion").asInt());
        assertEquals(4L << 30, root.get("memoryBudgetBytes").asLong());
        assertEquals("set", root.get("memoryBudgetSource").asText());
        JsonNode stage = root.get("stages").get(0);
        assertEquals(20_000_000, stage.get("estRows").asLong());
        assertEquals("balance", stage.get("bindingConstraint").asText());
        assertEquals(3_000_000, stage.get("operators").get(1).get("actualRows").asLong());
        for (String key : new String[] {"id", "operators", "estRows", "actualRows", "bytesPerRow", "shardRows",
            "shards", "workers", "bindingConstraint", "estPeakPrivateBytesPerWorker",
            "actualPeakPrivateBytesPerWorker", "seconds"}) {
            assertTrue(stage.has(key), key);
        }
        assertTrue(root.has("computeSeconds") && root.has("sharedBytes"));
    }

    @Test
    void jsonBeforeARunHasNullActuals() throws Exception {
        JsonNode root = new ObjectMapper().readTree(ExplainJson.write(Explanations.w2(false)));
        assertTrue(root.get("computeSeconds").isNull());
        assertTrue(root.get("stages").get(0).get("actualRows").isNull());
        assertTrue(root.get("stages").get(0).get("seconds").isNull());
    }
}

package dev.shard.planner.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shard.planner.explain.LogicalPlanText;
import dev.shard.planner.logical.LogicalPlan;

/** Matches a plan against its expected tree, written as explain prints it, so a failure shows both trees. */
public final class PlanAssert {
    private PlanAssert() {
    }

    public static void assertPlan(LogicalPlan actual, String... expectedLines) {
        assertEquals(String.join("\n", expectedLines) + "\n", LogicalPlanText.render(actual));
    }
}

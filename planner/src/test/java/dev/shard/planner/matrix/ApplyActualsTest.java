package dev.shard.planner.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shard.planner.physical.PlanningContext;
import dev.shard.runtime.task.Margin;
import dev.shard.runtime.tune.MachineProfile;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An apply's actuals sit beside its estimates in explain's text and JSON, flagged as a stage's are. */
class ApplyActualsTest {
    private static final long MIB = 1L << 20;
    private static final PlanningContext BUDGETED = new PlanningContext(new MachineProfile(2, 40 * MIB, 92_000),
            4L << 30, 0);

    private static MatrixApplyPlan plan() {
        return MatrixApplyPlanner.plan(new MatrixApply("X", 10_000, 2_000, Margin.COLUMNS,
                List.of(new MatrixApply.SideInput("y", 80_000)), "cor(column, y)", "r", 0, 0), BUDGETED, false);
    }

    @Test
    void textShowsCallsPeakSecondsAndEachWorker() {
        MatrixApplyPlan plan = plan();
        ApplyActuals ran = new ApplyActuals(2_000, 8, 0.25, List.of(45 * MIB, 200 * MIB), 1, 0);
        String text = plan.explainText(Optional.of(ran));
        assertTrue(text.contains(", 1 apply, compute 250 ms\n(! marks an estimate off by more than 2× from the actual"
                + " figure)\n"), text);
        assertTrue(text.contains("Apply — 2,000 calls (actual 2,000) (one per column of X), 8 shards of 250 calls on 2"
                + " workers, est. peak 40 MiB/worker (actual 200 MiB !), 250 ms, 1 retry\n"), text);
        assertTrue(text.contains("  peak private per worker: w0 45 MiB, w1 200 MiB\n"), text);
        assertFalse(plan.explainText().contains("actual"), "no actuals before a run");
    }

    @Test
    void jsonCarriesTheExactActualsAndNullsBeforeARun() throws Exception {
        MatrixApplyPlan plan = plan();
        ObjectMapper mapper = new ObjectMapper();
        JsonNode ran = mapper.readTree(MatrixApplyJson.write(plan,
                Optional.of(new ApplyActuals(2_000, 8, 0.25, List.of(45 * MIB, 200 * MIB), 0, 2))));
        assertTrue(ran.get("analyzed").asBoolean());
        assertEquals(2_000, ran.get("actualCalls").asLong());
        assertEquals(8, ran.get("actualShards").asInt());
        assertEquals(0.25, ran.get("seconds").asDouble());
        assertEquals(200 * MIB, ran.get("actualPeakPrivateBytesPerWorker").get(1).asLong());
        assertEquals(2, ran.get("recycles").asInt());
        JsonNode planned = mapper.readTree(MatrixApplyJson.write(plan));
        assertFalse(planned.get("analyzed").asBoolean());
        assertTrue(planned.get("actualCalls").isNull());
        assertTrue(planned.get("seconds").isNull());
        assertEquals(0, planned.get("actualPeakPrivateBytesPerWorker").size());
    }
}

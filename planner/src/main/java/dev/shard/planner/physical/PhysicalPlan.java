package dev.shard.planner.physical;

import dev.shard.planner.logical.WriteTarget;
import dev.shard.planner.type.Schema;
import java.util.List;
import java.util.Optional;

/**
 * How a logical plan runs: one worker stage (source → pipeline → sink inside the
 * workers), then the driver's operators over its merged result, then an optional write.
 * The inputs the stage borrows are named in its source and published by the runner.
 * {@code context} is what the stage was sized against (explain and the run's budget check).
 */
public record PhysicalPlan(Stage stage, List<DriverExec> driverOperators, Schema output,
        Optional<WriteTarget> write, PlanningContext context) {
    public PhysicalPlan {
        driverOperators = List.copyOf(driverOperators);
    }
}

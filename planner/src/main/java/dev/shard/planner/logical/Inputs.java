package dev.shard.planner.logical;

import java.util.List;

final class Inputs {
    private Inputs() {
    }

    static void requireCount(LogicalPlan node, List<LogicalPlan> inputs, int count) {
        if (inputs.size() != count) {
            throw new IllegalArgumentException(node.getClass().getSimpleName() + " takes " + count
                    + " input(s), got " + inputs.size());
        }
    }
}

package dev.shard.planner.physical;

import java.io.Serializable;
import java.util.List;

/**
 * The operator pipeline of one stage as it is shipped, once per worker, inside the
 * stage's kernel: immutable, serializable. Execution state lives in the worker.
 */
public record StageFragment(SourceExec source, List<PipelineExec> operators, SinkExec sink) implements Serializable {
    public StageFragment {
        operators = List.copyOf(operators);
    }

    /** What the stage declares to the tuner: its operators' costs added up. */
    public OperatorCost cost() {
        OperatorCost total = source.cost().plus(sink.cost());
        for (PipelineExec operator : operators) {
            total = total.plus(operator.cost());
        }
        return total;
    }
}
